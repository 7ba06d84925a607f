package io.standby.adapters.easyswoole;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.standby.domain.port.out.ServiceRuntime;
import io.standby.os.Poll;
import io.standby.os.ProcFs;
import io.standby.process.ProcessRunner;
import jakarta.inject.Singleton;

import java.util.Objects;

/**
 * Binds the runtime that starts each release as an EasySwoole daemon ({@code server start -d}) and stops it with
 * EasySwoole's own CLI. Install it, or {@link SupervisordModule}, beside {@link EasySwooleModule}.
 */
public final class EasySwooleDaemonModule extends AbstractModule {

    private final EasySwooleSettings service;

    public EasySwooleDaemonModule(EasySwooleSettings service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Provides
    @Singleton
    ServiceRuntime serviceRuntime(ProcessRunner runner) {
        return new EasySwooleRuntime(service, runner, ProcFs.system(), new Poll(EasySwooleModule.POLL_STEP));
    }
}
