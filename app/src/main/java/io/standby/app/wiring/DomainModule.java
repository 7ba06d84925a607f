package io.standby.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.standby.app.config.StandbyConfig;
import io.standby.domain.model.PollingPolicy;
import io.standby.domain.model.PreviousRelease;
import io.standby.domain.model.ReleasePolicy;
import io.standby.domain.model.Slots;
import io.standby.domain.port.in.DeployRelease;
import io.standby.domain.port.in.PollForRelease;
import io.standby.domain.port.in.Reconcile;
import io.standby.domain.port.in.RollBack;
import io.standby.domain.port.out.Clock;
import io.standby.domain.port.out.DependencyInstaller;
import io.standby.domain.port.out.HealthProbe;
import io.standby.domain.port.out.Pushes;
import io.standby.domain.port.out.ReleaseHooks;
import io.standby.domain.port.out.ReleaseSource;
import io.standby.domain.port.out.ReleaseStore;
import io.standby.domain.port.out.ReleaseWorkspace;
import io.standby.domain.port.out.ServiceRuntime;
import io.standby.domain.port.out.Timeline;
import io.standby.domain.port.out.TrafficRouter;
import io.standby.domain.service.Deployer;
import io.standby.domain.service.Recovery;
import io.standby.domain.service.ReleasePipeline;
import io.standby.domain.service.Rollbacks;

/**
 * The domain's services, built by hand from the ports: the domain carries no injection annotations. The hooks the
 * pipeline runs and what becomes of the previous release come from the server's or the fleet's module.
 */
public final class DomainModule extends AbstractModule {

    private final StandbyConfig config;
    private final ReleasePolicy policy;

    public DomainModule(StandbyConfig config, ReleasePolicy policy) {
        this.config = config;
        this.policy = policy;
    }

    @Provides
    @Singleton
    Slots slots() {
        return Slots.of(config.slots().blue(), config.slots().green());
    }

    @Provides
    ReleasePolicy policy() {
        return policy;
    }

    @Provides
    @Singleton
    PollingPolicy polling() {
        return new PollingPolicy(config.pollInterval(), config.maxBackoff());
    }

    @Provides
    @Singleton
    ReleasePipeline pipeline(ReleaseSource source, DependencyInstaller installer, ServiceRuntime runtime,
                             HealthProbe health, TrafficRouter router, ReleaseStore store, ReleaseWorkspace workspace,
                             ReleaseHooks hooks, Clock clock, Timeline timeline, ReleasePolicy policy,
                             PreviousRelease afterSwitch) {
        return new ReleasePipeline(source, installer, runtime, health, router, store, workspace, hooks, clock, timeline,
                policy, afterSwitch);
    }

    @Provides
    @Singleton
    Deployer deployer(ReleaseSource source, ReleaseStore store, ReleasePipeline pipeline, Recovery recovery, Slots slots,
                      TrafficRouter router, Clock clock, Timeline timeline, PollingPolicy polling, Pushes pushes) {
        return new Deployer(source, store, pipeline, recovery, slots, router, clock, timeline, polling, pushes);
    }

    @Provides
    DeployRelease deployRelease(Deployer deployer) {
        return deployer;
    }

    @Provides
    PollForRelease pollForRelease(Deployer deployer) {
        return deployer;
    }

    @Provides
    @Singleton
    RollBack rollBack(ReleaseStore store, ReleaseWorkspace workspace, ReleasePipeline pipeline, Slots slots, Clock clock) {
        return new Rollbacks(store, workspace, pipeline, slots, clock);
    }

    @Provides
    @Singleton
    Recovery recovery(ReleaseSource source, ServiceRuntime runtime, HealthProbe health, TrafficRouter router,
                      ReleaseStore store, ReleasePipeline pipeline, Slots slots, Clock clock, Timeline timeline,
                      ReleasePolicy policy) {
        return new Recovery(source, runtime, health, router, store, pipeline, slots, clock, timeline, policy,
                config.adoptDirectoryIfSet());
    }

    @Provides
    Reconcile reconcile(Recovery recovery) {
        return recovery;
    }
}
