package io.standby.adapters.easyswoole;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.standby.domain.model.Slots;
import io.standby.domain.port.out.ServiceRuntime;
import io.standby.os.Poll;
import io.standby.os.ProcFs;
import io.standby.process.ProcessRunner;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Objects;

/**
 * Binds the runtime that runs each slot as a supervisord program, and the check that supervisord knows them. Install
 * it instead of {@link EasySwooleDaemonModule}, beside {@link EasySwooleModule}.
 */
public final class SupervisordModule extends AbstractModule {

    // supervisorctl is a Python program taking a tenth of a second or so: polling it faster only burns CPU.
    private static final Duration POLL_STEP = Duration.ofMillis(200);

    private final EasySwooleSettings service;
    private final SupervisordSettings supervisord;

    public SupervisordModule(EasySwooleSettings service, SupervisordSettings supervisord) {
        this.service = Objects.requireNonNull(service, "service");
        this.supervisord = Objects.requireNonNull(supervisord, "supervisord");
    }

    @Provides
    @Singleton
    ServiceRuntime serviceRuntime(ProcessRunner runner) {
        return new SupervisordRuntime(service, supervisord, new Supervisorctl(supervisord, runner),
                ProcFs.system(), new Poll(POLL_STEP));
    }

    @Provides
    @Singleton
    SupervisordCheck check(ProcessRunner runner, Slots slots) {
        return new SupervisordCheck(supervisord, new Supervisorctl(supervisord, runner), slots);
    }
}
