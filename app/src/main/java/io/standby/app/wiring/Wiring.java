package io.standby.app.wiring;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.standby.adapters.easyswoole.EasySwooleDaemonModule;
import io.standby.adapters.easyswoole.EasySwooleModule;
import io.standby.adapters.easyswoole.SupervisordModule;
import io.standby.adapters.git.GitModule;
import io.standby.adapters.haproxy.HaproxyModule;
import io.standby.adapters.nginx.NginxModule;
import io.standby.adapters.zookeeper.ZooKeeperFleet;
import io.standby.adapters.zookeeper.ZooKeeperModule;
import io.standby.app.config.StandbyConfig;
import io.standby.domain.model.ReleasePolicy;
import io.standby.domain.model.StatusReport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Chooses the modules for a configuration and builds the injector, once per command. */
public final class Wiring {

    // How often the proxy is asked whether the old slot has drained: often enough to retire it promptly.
    private static final Duration DRAIN_POLL = Duration.ofMillis(200);

    private Wiring() {
    }

    /**
     * Everything a release needs: the domain, the journal and one adapter per port; and what works beside the releases
     * when configured: the HTTP listener with its push hook, the notifications.
     *
     * @param statusJson what {@code status --json} prints for a report, which the listener serves on {@code /status}
     */
    public static Injector agent(StandbyConfig config, Function<StatusReport, String> statusJson) {
        return agent(config, statusJson, System.getenv());
    }

    static Injector agent(StandbyConfig config, Function<StatusReport, String> statusJson, Map<String, String> environment) {
        AdapterSettings settings = new AdapterSettings(config, environment);
        Module router = config.router().kind() == StandbyConfig.RouterKind.NGINX
                ? new NginxModule(settings.nginx())
                : new HaproxyModule(settings.haproxy());
        Module runtime = config.service().runtime() == StandbyConfig.RuntimeKind.SUPERVISORD
                ? new SupervisordModule(settings.service(), settings.supervisord())
                : new EasySwooleDaemonModule(settings.service());
        List<Module> modules = new ArrayList<>(List.of(
                new JournalModule(config),
                new ProcessModule(settings.secretVariables()),
                new HooksModule(config, settings.hooks()),
                new DomainModule(config, policy(config)),
                new GitModule(settings.git()),
                new EasySwooleModule(settings.service(), settings.install(), settings.health()),
                runtime,
                router));
        if (config.listen().portIfSet().isPresent()) {
            modules.add(new HttpModule(settings.listen(), statusJson));
        }
        if (config.webhook() != null) {
            modules.add(new WebhookModule(settings.webhook()));
        }
        if (config.notifications().any()) {
            modules.add(new NotificationsModule(settings.notifications()));
        }
        // Without a fleet section no class of the ZooKeeper adapter (nor of Curator) is ever loaded.
        modules.addAll(config.fleetIfSet().map(fleet -> fleetModules(config, new FleetSettings(fleet)))
                .orElseGet(() -> List.of(new OneServerModule())));
        // Singletons are built when first asked for: the nginx snippet, for one, exists only in flag mode.
        return Guice.createInjector(modules);
    }

    /** The fleet's state and the leader's inbox, for `standby fleet ...`; the caller closes it. */
    public static FleetConsole fleetConsole(StandbyConfig.Fleet fleet) {
        return new FleetConsole(ZooKeeperFleet.connect(new FleetSettings(fleet).zooKeeper()));
    }

    private static List<Module> fleetModules(StandbyConfig config, FleetSettings fleet) {
        return List.of(new ZooKeeperModule(fleet.zooKeeper()),
                new FleetModule(fleet.host(), fleet.policy(), config.pollInterval()));
    }

    private static ReleasePolicy policy(StandbyConfig config) {
        return new ReleasePolicy(config.drain().minimum(), config.drain().timeout(), DRAIN_POLL,
                config.watch().window(), config.watch().interval(), config.keepReleases());
    }
}
