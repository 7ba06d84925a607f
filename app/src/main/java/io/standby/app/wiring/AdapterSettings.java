package io.standby.app.wiring;

import io.standby.adapters.easyswoole.ComposerSettings;
import io.standby.adapters.easyswoole.EasySwooleSettings;
import io.standby.adapters.easyswoole.HealthSettings;
import io.standby.adapters.easyswoole.SupervisordSettings;
import io.standby.adapters.git.GitSettings;
import io.standby.adapters.haproxy.HaproxySettings;
import io.standby.adapters.nginx.NginxSettings;
import io.standby.adapters.http.Forge;
import io.standby.adapters.http.ListenSettings;
import io.standby.adapters.http.WebhookSettings;
import io.standby.adapters.notify.DingTalkSettings;
import io.standby.adapters.notify.HttpTimeouts;
import io.standby.adapters.notify.NotifierSettings;
import io.standby.adapters.notify.NotifySettings;
import io.standby.adapters.notify.RetryPolicy;
import io.standby.adapters.notify.SlackSettings;
import io.standby.adapters.notify.WeComSettings;
import io.standby.app.config.StandbyConfig;
import io.standby.app.config.Variables;
import io.standby.app.hooks.HookCommands;
import io.standby.domain.model.Hook;
import io.standby.domain.model.Slots;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Translates the operator's YAML into each adapter's own settings: the one place that knows both vocabularies. The
 * configuration has given every value its default and checked it; what comes from the environment is read here, once,
 * and checked by {@link Variables}.
 */
final class AdapterSettings {

    private final StandbyConfig config;
    private final Variables variables;

    AdapterSettings(StandbyConfig config, Map<String, String> environment) {
        this.config = config;
        this.variables = new Variables(environment);
    }

    Slots slots() {
        return Slots.of(config.slots().blue(), config.slots().green());
    }

    Path logs() {
        return config.stateDir().resolve("logs");
    }

    GitSettings git() {
        StandbyConfig.Repository repository = config.repository();
        Optional<String> secret = Optional.ofNullable(repository.secretEnv()).map(name -> variables.secret(
                "repository.secret-env", name, "set it to the password or token, or leave secret-env out for a public repository"));
        return new GitSettings(repository.url(), repository.branch(), config.stateDir().resolve("mirror.git"),
                repository.timeout(), Optional.ofNullable(repository.username()), secret);
    }

    /**
     * The environment variables that hold the agent's secrets (the repository's token, the hook's secret, the
     * notifiers' URLs, keys and headers), which no program it runs, hooks included, needs to see.
     */
    Set<String> secretVariables() {
        Set<String> names = new TreeSet<>();
        Optional.ofNullable(config.repository().secretEnv()).ifPresent(names::add);
        Optional.ofNullable(config.webhook()).map(StandbyConfig.Webhook::secretEnv).ifPresent(names::add);
        StandbyConfig.Notify notify = config.notifications();
        Optional.ofNullable(notify.webhook()).ifPresent(webhook -> {
            Optional.ofNullable(webhook.urlEnv()).ifPresent(names::add);
            names.addAll(webhook.secretHeaders().values());
        });
        Optional.ofNullable(notify.slack()).map(StandbyConfig.Slack::urlEnv).ifPresent(names::add);
        Optional.ofNullable(notify.dingtalk()).ifPresent(dingTalk -> {
            names.add(dingTalk.urlEnv());
            dingTalk.secretEnvIfSet().ifPresent(names::add);
        });
        Optional.ofNullable(notify.wecom()).map(StandbyConfig.WeCom::urlEnv).ifPresent(names::add);
        return names;
    }

    /** The listener on the configured port; only asked for when {@code listen.port} is set. */
    ListenSettings listen() {
        StandbyConfig.Listen listen = config.listen();
        return new ListenSettings(listen.address(), listen.port(), Math.toIntExact(listen.bodyLimit().bytes()));
    }

    /** The forge's push hook, its secret read now; only asked for when {@code webhook} is set. */
    WebhookSettings webhook() {
        StandbyConfig.Webhook webhook = config.webhook();
        String secret = variables.secret("webhook.secret-env", webhook.secretEnv(),
                "put the hook's secret in it, the same as in the forge's webhook settings");
        return new WebhookSettings(Forge.valueOf(webhook.forge().name()), secret,
                config.repository().branch(), webhook.maxClockSkew());
    }

    /** The configured notifiers, their URLs and secrets read now; only asked for when there is one at least. */
    NotifySettings notifications() {
        StandbyConfig.Notify notify = config.notifications();
        HttpTimeouts timeouts = new HttpTimeouts(notify.connectTimeout(), notify.timeout());
        List<NotifierSettings> notifiers = new ArrayList<>();
        Optional.ofNullable(notify.webhook()).ifPresent(webhook -> notifiers.add(webhook(webhook, timeouts)));
        Optional.ofNullable(notify.slack()).ifPresent(slack -> notifiers.add(new SlackSettings(
                variables.url("notify.slack.url-env", slack.urlEnv()), timeouts)));
        Optional.ofNullable(notify.dingtalk()).ifPresent(dingTalk -> notifiers.add(new DingTalkSettings(
                variables.url("notify.dingtalk.url-env", dingTalk.urlEnv()),
                dingTalk.secretEnvIfSet().map(name -> variables.secret("notify.dingtalk.secret-env", name,
                        "set it to the SEC... string of the robot's 加签 setting, or leave secret-env out for an unsigned robot")),
                timeouts)));
        Optional.ofNullable(notify.wecom()).ifPresent(weCom -> notifiers.add(new WeComSettings(
                variables.url("notify.wecom.url-env", weCom.urlEnv()), timeouts)));
        return new NotifySettings(config.app(), notifiers,
                new RetryPolicy(notify.attempts(), notify.backoff(), notify.maxBackoff()), notify.queue(), notify.closeTimeout());
    }

    private io.standby.adapters.notify.WebhookSettings webhook(StandbyConfig.NotifyWebhook webhook, HttpTimeouts timeouts) {
        String url = Optional.ofNullable(webhook.url()).orElseGet(() -> variables.url("notify.webhook.url-env", webhook.urlEnv()));
        Map<String, String> headers = new TreeMap<>(webhook.headers());
        webhook.secretHeaders().forEach((name, variable) ->
                headers.put(name, variables.header("notify.webhook.secret-headers", name, variable)));
        return new io.standby.adapters.notify.WebhookSettings(url, headers, timeouts);
    }

    /** The team's hook commands, each an argument list. */
    HookCommands hooks() {
        StandbyConfig.Hooks hooks = config.hooks();
        Map<Hook, List<List<String>>> commands = new EnumMap<>(Hook.class);
        commands.put(Hook.AFTER_INSTALL, hooks.afterInstall());
        commands.put(Hook.BEFORE_SWITCH, hooks.beforeSwitch());
        commands.put(Hook.AFTER_SWITCH, hooks.afterSwitch());
        commands.put(Hook.AFTER_FAILURE, hooks.afterFailure());
        return new HookCommands(commands, hooks.timeout());
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
                health.interval(), health.proxyUrl(), health.requireRevision());
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
