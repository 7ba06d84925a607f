package io.standby.app.wiring;

import io.standby.adapters.easyswoole.ComposerSettings;
import io.standby.adapters.easyswoole.EasySwooleSettings;
import io.standby.adapters.easyswoole.HealthSettings;
import io.standby.adapters.easyswoole.SupervisordSettings;
import io.standby.adapters.git.GitSettings;
import io.standby.adapters.haproxy.HaproxySettings;
import io.standby.adapters.nginx.NginxSettings;
import io.standby.app.config.ConfigException;
import io.standby.app.config.StandbyConfig;
import io.standby.domain.model.Slots;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Translates the operator's YAML into each adapter's own settings: the one place that knows both vocabularies. The
 * configuration has given every value its default and checked it; only what comes from the environment is checked here.
 */
final class AdapterSettings {

    private final StandbyConfig config;
    private final Map<String, String> environment;

    AdapterSettings(StandbyConfig config, Map<String, String> environment) {
        this.config = config;
        this.environment = Map.copyOf(environment);
    }

    Slots slots() {
        return Slots.of(config.slots().blue(), config.slots().green());
    }

    Path logs() {
        return config.stateDir().resolve("logs");
    }

    GitSettings git() {
        StandbyConfig.Repository repository = config.repository();
        Optional<String> secret = Optional.ofNullable(repository.secretEnv()).map(name -> {
            String value = environment.get(name);
            if (value == null || value.isEmpty()) {
                throw new ConfigException("repository.secret-env names the variable " + name
                        + ", which is not set: export it in the agent's environment (systemd: Environment= or EnvironmentFile=)");
            }
            if (value.isBlank()) {
                throw new ConfigException("repository.secret-env names the variable " + name + ", which holds only blanks:"
                        + " set it to the password or token, or leave secret-env out for a public repository");
            }
            return value;
        });
        return new GitSettings(repository.url(), repository.branch(), config.stateDir().resolve("mirror.git"),
                repository.timeout(), Optional.ofNullable(repository.username()), secret);
    }

    /** The environment variables that hold the agent's secrets, which no program it runs needs to see. */
    Set<String> secretVariables() {
        return Optional.ofNullable(config.repository().secretEnv()).map(Set::of).orElse(Set.of());
    }

    EasySwooleSettings service() {
        StandbyConfig.Service service = config.service();
        return new EasySwooleSettings(service.php(), service.entry(), service.mode(), service.startTimeout(),
                service.stopTimeout(), logs());
    }

    /** supervisord's programs for the slots; each program's directory= is the slot's link under {@code <state-dir>/slots}. */
    SupervisordSettings supervisord() {
        StandbyConfig.Supervisord supervisord = config.service().supervisord();
        String program = supervisord.program().replace("{app}", config.app());
        return new SupervisordSettings(supervisord.supervisorctl(), Optional.ofNullable(supervisord.config()), program,
                config.stateDir().resolve("slots"), supervisord.timeout());
    }

    ComposerSettings install() {
        StandbyConfig.Install install = config.install();
        return new ComposerSettings(install.command(), install.timeout(), config.stateDir().resolve("composer-home"),
                install.reuseVendor(), config.stateDir().resolve("vendor-cache"));
    }

    HealthSettings health() {
        StandbyConfig.Health health = config.health();
        return new HealthSettings(health.path(), health.expectStatus(), health.timeout(), health.attempts(),
                health.interval(), health.proxyUrl());
    }

    NginxSettings nginx() {
        StandbyConfig.Nginx nginx = config.router().nginx();
        boolean flag = nginx.mode() == StandbyConfig.NginxSwitch.FLAG;
        NginxSettings.Mode mode = flag ? NginxSettings.Mode.FLAG : NginxSettings.Mode.RELOAD;
        return new NginxSettings(mode, slots(), nginx.host(), nginx.upstream(), nginx.configFile(), nginx.pidFile(),
                nginx.flagFile(), nginx.testCommand(), nginx.reloadCommand(), nginx.dumpCommand(),
                nginx.commandTimeout(), nginx.reloadTimeout());
    }

    HaproxySettings haproxy() {
        StandbyConfig.Haproxy haproxy = config.router().haproxy();
        return new HaproxySettings(haproxy.socket(), haproxy.backend(),
                Map.of("blue", haproxy.blueServer(), "green", haproxy.greenServer()),
                haproxy.configFile(), haproxy.binary(), haproxy.timeout(), haproxy.switchTimeout());
    }
}
