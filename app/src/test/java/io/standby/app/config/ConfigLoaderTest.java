package io.standby.app.config;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

public class ConfigLoaderTest {

    /** The smallest valid file: other tests start from it. */
    public static final String VALID = """
            app: shop
            repository:
              url: file:///srv/git/shop.git
              branch: main
            state-dir: /var/lib/standby/shop
            slots:
              blue: 9501
              green: 9502
            health:
              proxy-url: http://127.0.0.1:80
            router:
              kind: nginx
              nginx:
                config-file: /etc/nginx/nginx.conf
                upstream: easyswoole.relase.com
            """;

    /** The file with HAProxy as its router in place of nginx, given only the keys HAProxy must have. */
    public static String withHaproxy(String yaml) {
        return yaml.substring(0, yaml.indexOf("router:")) + """
                router:
                  kind: haproxy
                  haproxy:
                    socket: /run/haproxy/admin.sock
                    backend: shop
                    config-file: /etc/haproxy/haproxy.cfg
                """;
    }

    @TempDir
    Path dir;

    private StandbyConfig load(String yaml) throws IOException {
        Path file = dir.resolve("standby.yml");
        Files.writeString(file, yaml);
        return new ConfigLoader().load(file);
    }

    @Test
    void aMinimalFileGetsTheDocumentedDefaults() throws IOException {
        StandbyConfig config = load(VALID);

        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.releasesDir()).isEqualTo(Path.of("/var/lib/standby/shop/releases"));
        assertThat(config.install().command()).containsExactly("composer", "install", "--no-dev", "--optimize-autoloader", "--no-interaction");
        assertThat(config.service().mode()).isEqualTo("produce");
        assertThat(config.router().nginx().mode()).isEqualTo(StandbyConfig.NginxSwitch.RELOAD);
        assertThat(config.keepReleases()).isEqualTo(5);
    }

    @Test
    void nginxIsDumpedAsItIsTestedUnlessADumpCommandIsWritten() throws IOException {
        String nginx = "    upstream: easyswoole.relase.com\n";
        assertThat(load(VALID).router().nginx().dumpCommand()).containsExactly("nginx", "-T");
        assertThat(load(VALID.replace(nginx, nginx + "    test-command: [sudo, -n, nginx, -p, /srv/ngx, -c, /srv/ngx/n.conf, -t, -q]\n"))
                .router().nginx().dumpCommand()).containsExactly("sudo", "-n", "nginx", "-p", "/srv/ngx", "-c", "/srv/ngx/n.conf", "-T", "-q");
        assertThat(load(VALID.replace(nginx, nginx + "    test-command: [sh, /srv/check-nginx.sh]\n"))
                .router().nginx().dumpCommand()).containsExactly("nginx", "-T");
        assertThat(load(VALID.replace(nginx, nginx + "    test-command: [nginx, -t]\n    dump-command: [my-nginx, -T]\n"))
                .router().nginx().dumpCommand()).containsExactly("my-nginx", "-T");
    }

    /** A rule across keys is checked after the section ends; the message points at a key it names, not past the end. */
    @Test
    void aRuleAcrossKeysPointsAtTheLineOfAKeyItNames() {
        String yaml = VALID + "poll-interval: 10m\n";
        int line = (int) yaml.lines().count();

        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("max-backoff (5m) is shorter than poll-interval (10m)")
                .hasMessageEndingWith(" (line " + line + ", column 1)");
        // notify's own max-backoff is another key: the top-level poll-interval's line is still the one named.
        assertThatThrownBy(() -> load(VALID + "notify:\n  max-backoff: 1h\npoll-interval: 10m\n"))
                .hasMessageEndingWith(" (line " + (line + 2) + ", column 1)");
    }

    @Test
    void durationsAreWrittenAsOperatorsWriteThem() throws IOException {
        StandbyConfig config = load(VALID + "poll-interval: 500ms\ndrain:\n  timeout: 2m\n");

        assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.drain().timeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void theServiceRunsAsADaemonUnlessSupervisordIsChosen() throws IOException {
        assertThat(load(VALID).service().runtime()).isEqualTo(StandbyConfig.RuntimeKind.DAEMON);
        assertThat(load(VALID).service().supervisord()).isNull();

        StandbyConfig.Service service = load(VALID + "service:\n  runtime: supervisord\n").service();

        assertThat(service.runtime()).isEqualTo(StandbyConfig.RuntimeKind.SUPERVISORD);
        assertThat(service.supervisord().supervisorctl()).containsExactly("supervisorctl");
        assertThat(service.supervisord().config()).isNull();
        assertThat(service.supervisord().program()).isEqualTo("{app}-{slot}");
    }

    @Test
    void theDrainMinimumIsWhatTheRouterNeedsUnlessWritten() throws IOException {
        String flag = VALID.replace("    config-file: /etc/nginx/nginx.conf\n    upstream: easyswoole.relase.com\n",
                "    mode: flag\n    flag-file: /var/lib/standby/shop/green\n");

        assertThat(load(VALID).drain().minimum()).as("reload mode sees its connections").isZero();
        assertThat(load(flag).drain().minimum()).as("flag mode cannot see requests in flight").isEqualTo(Duration.ofSeconds(60));
        assertThat(load(flag + "drain:\n  timeout: 20s\n").drain().minimum()).as("never past the timeout")
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(load(flag + "drain:\n  minimum: 2s\n").drain().minimum()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theFlagModesUpstreamsAreNamedAfterTheAppUnlessWritten() throws IOException {
        String flag = VALID.replace("app: shop", "app: my-shop").replace(
                "    config-file: /etc/nginx/nginx.conf\n    upstream: easyswoole.relase.com\n",
                "    mode: flag\n    flag-file: /var/lib/standby/shop/green\n");

        assertThat(load(flag).router().nginx().upstream()).isEqualTo("my_shop");
    }

    @Test
    void theProxyUrlIsKeptWithoutItsTrailingSlash() throws IOException {
        assertThat(load(VALID.replace("proxy-url: http://127.0.0.1:80", "proxy-url: http://127.0.0.1:8080/")).health().proxyUrl())
                .isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void supervisordsKeysAreRead() throws IOException {
        StandbyConfig.Supervisord supervisord = load(VALID + """
                service:
                  runtime: supervisord
                  supervisord:
                    supervisorctl: [sudo, -n, supervisorctl]
                    config: /etc/supervisor/supervisord.conf
                    program: '{app}-web-{slot}'
                    timeout: 20s
                """).service().supervisord();

        assertThat(supervisord.supervisorctl()).containsExactly("sudo", "-n", "supervisorctl");
        assertThat(supervisord.config()).isEqualTo(Path.of("/etc/supervisor/supervisord.conf"));
        assertThat(supervisord.program()).isEqualTo("{app}-web-{slot}");
        assertThat(supervisord.timeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Nested
    class BadInputNamesTheKeyAndTheFix {

        static Stream<Arguments> badFiles() {
            return Stream.of(
                    refused("an unknown runtime", VALID + "service:\n  runtime: systemd\n",
                            "service.runtime", "daemon, supervisord"),
                    refused("a supervisord section for the daemon runtime",
                            VALID + "service:\n  supervisord:\n    config: /etc/supervisord.conf\n",
                            "service.runtime is daemon", "runtime: supervisord"),
                    refused("a program name without the slot",
                            VALID + "service:\n  runtime: supervisord\n  supervisord:\n    program: shop\n",
                            "service.supervisord.program 'shop'", "{slot}"),
                    refused("an unknown key", VALID.replace("  branch: main", "  brnch: main"),
                            "unknown key 'repository.brnch'", "line 4", "branch"),
                    refused("a wrong type", VALID.replace("blue: 9501", "blue: nine"), "slots.blue", "a whole number"),
                    refused("a bad duration", VALID + "poll-interval: soon\n", "poll-interval", "30s"),
                    refused("a drain minimum longer than the timeout, in exact units",
                            VALID + "drain:\n  minimum: 1500ms\n  timeout: 1200ms\n",
                            "drain.minimum (1500ms) cannot be longer than drain.timeout (1200ms)"),
                    refused("the two slots on one port", VALID.replace("green: 9502", "green: 9501"), "both 9501", "its own port"),
                    refused("a missing required key", VALID.replace("  proxy-url: http://127.0.0.1:80\n", "  path: /health\n"),
                            "'health.proxy-url' is missing"),
                    refused("an unknown router kind", VALID.replace("kind: nginx", "kind: traefik"), "router.kind", "nginx, haproxy"));
        }

        private static Arguments refused(String what, String yaml, String... messageParts) {
            return arguments(what, yaml, messageParts);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badFiles")
        void isRefused(String what, String yaml, String[] messageParts) {
            assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class).hasMessageContainingAll(messageParts);
        }

        @Test
        void aMissingFile() {
            assertThatThrownBy(() -> new ConfigLoader().load(dir.resolve("nope.yml")))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist").hasMessageContaining("--config");
        }

        @Test
        void invalidYamlGivesLineAndColumn() {
            assertThatThrownBy(() -> load("app: shop\nrepository:\n  url: 'unclosed\n"))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML").hasMessageMatching("(?s).*line \\d+, column \\d+.*");
        }
    }
}
