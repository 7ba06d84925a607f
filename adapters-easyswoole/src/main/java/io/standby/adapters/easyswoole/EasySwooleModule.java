package io.standby.adapters.easyswoole;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.standby.domain.port.out.DependencyInstaller;
import io.standby.domain.port.out.HealthProbe;
import io.standby.os.Poll;
import io.standby.process.ProcessRunner;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Objects;

/**
 * Binds the composer installer and the HTTP health probe to the domain's ports. The service runtime comes from
 * {@link EasySwooleDaemonModule} or {@link SupervisordModule}, whichever the configuration chooses.
 */
public final class EasySwooleModule extends AbstractModule {

    // Short enough that a start or stop is noticed within a tenth of a second, long enough not to spin.
    static final Duration POLL_STEP = Duration.ofMillis(100);

    private final EasySwooleSettings service;
    private final ComposerSettings install;
    private final HealthSettings health;

    public EasySwooleModule(EasySwooleSettings service, ComposerSettings install, HealthSettings health) {
        this.service = Objects.requireNonNull(service, "service");
        this.install = Objects.requireNonNull(install, "install");
        this.health = Objects.requireNonNull(health, "health");
    }

    @Provides
    @Singleton
    DependencyInstaller dependencyInstaller(ProcessRunner runner) {
        return new ComposerInstaller(install, runner, new ReleaseLogs(service.logsDir()));
    }

    @Provides
    @Singleton
    HealthProbe healthProbe() {
        return new HttpHealthProbe(health, new Poll(POLL_STEP));
    }
}
