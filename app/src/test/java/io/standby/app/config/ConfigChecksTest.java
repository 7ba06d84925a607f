package io.standby.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every value an adapter cannot use is refused when the file is read, by a message that names the key, the cause and
 * the fix: the adapters' settings check nothing of the operator's any more.
 */
class ConfigChecksTest {

    private static final String VALID = ConfigLoaderTest.VALID;
    private static final String RELOAD = "    config-file: /etc/nginx/nginx.conf\n    upstream: easyswoole.relase.com\n";
    private static final String FLAG = VALID.replace(RELOAD, "    mode: flag\n    flag-file: /var/lib/standby/shop/green\n");
    private static final String HAPROXY = ConfigLoaderTest.withHaproxy(VALID);

    private static final String FLEET = VALID + "fleet:\n  zookeeper: zk1:2181,zk2:2181,zk3:2181\n";

    @TempDir
    Path dir;

    static Stream<Arguments> unfitValues() {
        return Stream.of(
                arguments(VALID.replace("app: shop", "app: Shop"), "app 'Shop' must be lower-case letters"),
                arguments(VALID.replace("branch: main", "branch: \"-upload-pack=touch\""),
                        "repository.branch '-upload-pack=touch' is not a valid branch name"),
                arguments(VALID.replace("file:///srv/git/shop.git", "ssh://-oProxyCommand=touch%20x/app.git"),
                        "repository.url 'ssh://-oProxyCommand=touch%20x/app.git' names a host starting with '-'"),
                arguments(in(VALID, "repository", "username: ' '"), "'repository.username' is empty"),
                arguments(in(VALID, "repository", "timeout: 0s"), "repository.timeout is zero: give a duration above zero"),
                arguments(VALID + "poll-interval: 0s\n", "poll-interval is zero"),
                arguments(VALID + "max-backoff: 0s\n", "max-backoff is zero"),
                arguments(VALID + "keep-releases: 1\n", "keep-releases is 1: it must be at least 2"),
                arguments(VALID + "install:\n  command: [composer, update]\n",
                        "install.command must not re-resolve versions ('update'): use composer install"),
                arguments(VALID + "install:\n  command: []\n", "install.command names no program"),
                arguments(VALID + "install:\n  timeout: 0s\n", "install.timeout is zero"),
                arguments(VALID + "service:\n  php: ' '\n", "'service.php' is empty"),
                arguments(VALID + "service:\n  entry: ../bin/x.php\n", "service.entry '../bin/x.php' must be a file name at the release's root"),
                arguments(VALID + "service:\n  entry: .hidden.php\n", "service.entry '.hidden.php' must be a file name"),
                arguments(VALID + "service:\n  mode: ../etc\n", "service.mode '../etc' must be a plain name"),
                arguments(VALID + "service:\n  start-timeout: 0s\n", "service.start-timeout is zero"),
                arguments(VALID + "service:\n  stop-timeout: 0s\n", "service.stop-timeout is zero"),
                arguments(VALID + "service:\n  runtime: supervisord\n  supervisord:\n    supervisorctl: []\n",
                        "service.supervisord.supervisorctl names no program"),
                arguments(VALID + "service:\n  runtime: supervisord\n  supervisord:\n    program: shop {slot}\n",
                        "service.supervisord.program 'shop {slot}' must name each slot's supervisord program"),
                arguments(VALID + "service:\n  runtime: supervisord\n  supervisord:\n    timeout: 0s\n",
                        "service.supervisord.timeout is zero"),
                arguments(VALID.replace("blue: 9501", "blue: 70000"), "slots.blue is 70000, which is out of range"),
                arguments(VALID.replace("green: 9502", "green: 0"), "slots.green is 0, which is out of range"),
                arguments(in(VALID, "health", "path: health"), "health.path must start with '/'"),
                arguments(in(VALID, "health", "expect-status: 42"), "health.expect-status is 42: give an HTTP status"),
                arguments(in(VALID, "health", "timeout: 0s"), "health.timeout is zero"),
                arguments(in(VALID, "health", "attempts: 0"), "health.attempts is 0: it must be at least 1"),
                arguments(VALID.replace("http://127.0.0.1:80", "ftp://127.0.0.1"),
                        "health.proxy-url 'ftp://127.0.0.1' must be the proxy's base address over http"),
                arguments(VALID.replace("http://127.0.0.1:80", "http://127.0.0.1:80/status"),
                        "health.proxy-url 'http://127.0.0.1:80/status' must be the proxy's base address"),
                arguments(VALID + "watch:\n  interval: 0s\n", "watch.interval is zero"),
                arguments(VALID.replace("upstream: easyswoole.relase.com", "upstream: my upstream"),
                        "router.nginx.upstream 'my upstream' may hold only letters, digits"),
                arguments(in(VALID, "  nginx", "  host: ' '"), "'router.nginx.host' is empty"),
                arguments(in(VALID, "  nginx", "  test-command: []"), "router.nginx.test-command names no program"),
                arguments(in(VALID, "  nginx", "  reload-command: ['']"), "router.nginx.reload-command names no program"),
                arguments(in(VALID, "  nginx", "  dump-command: []"), "router.nginx.dump-command names no program"),
                arguments(in(VALID, "  nginx", "  command-timeout: 0s"), "router.nginx.command-timeout is zero"),
                arguments(in(VALID, "  nginx", "  reload-timeout: 0s"), "router.nginx.reload-timeout is zero"),
                arguments(FLAG.replace("/var/lib/standby/shop/green", "relative/green"),
                        "router.nginx.flag-file 'relative/green' must be an absolute path"),
                arguments(FLAG.replace("/var/lib/standby/shop/green", "'/var/lib/my shop/green'"),
                        "router.nginx.flag-file '/var/lib/my shop/green' must be an absolute path"),
                arguments(FLAG.replace("/var/lib/standby/shop/green", "/var/lib/$app/green"),
                        "router.nginx.flag-file '/var/lib/$app/green' must be an absolute path"),
                arguments(FLAG.replace("/var/lib/standby/shop/green", "/"), "router.nginx.flag-file '/' must be an absolute path"),
                arguments(HAPROXY.replace("backend: shop", "backend: my/backend"),
                        "router.haproxy.backend 'my/backend' must be an HAProxy name"),
                arguments(in(HAPROXY, "  haproxy", "  blue-server: app 1"), "router.haproxy.blue-server 'app 1' must be an HAProxy name"),
                arguments(in(HAPROXY, "  haproxy", "  green-server: app/2"), "router.haproxy.green-server 'app/2' must be an HAProxy name"),
                arguments(in(HAPROXY, "  haproxy", "  binary: ' '"), "'router.haproxy.binary' is empty"),
                arguments(in(HAPROXY, "  haproxy", "  timeout: 0s"), "router.haproxy.timeout is zero"),
                arguments(in(HAPROXY, "  haproxy", "  switch-timeout: 0s"), "router.haproxy.switch-timeout is zero"),
                arguments(VALID + "fleet:\n  name: shop\n", "'fleet.zookeeper' is missing"),
                arguments(FLEET.replace("zk1:2181,zk2:2181,zk3:2181", "zk1:2181;zk2:2181"), "fleet.zookeeper 'zk1:2181;zk2:2181' must be the ZooKeeper ensemble"),
                arguments(FLEET.replace("zk1:2181,zk2:2181,zk3:2181", "zk1,zk2"), "fleet.zookeeper 'zk1,zk2' must be the ZooKeeper ensemble"),
                arguments(FLEET.replace("zk1:2181,zk2:2181,zk3:2181", "zk1:2181,"), "fleet.zookeeper 'zk1:2181,' must be the ZooKeeper ensemble"),
                arguments(FLEET.replace("zk1:2181,zk2:2181,zk3:2181", "zk1:2181,zk2:99999"),
                        "fleet.zookeeper 'zk1:2181,zk2:99999' gives zk2:99999 the port 99999, which is out of range"),
                arguments(FLEET.replace("zk1:2181,zk2:2181,zk3:2181", "zk1:0"), "gives zk1:0 the port 0, which is out of range"),
                arguments(FLEET.replace("zk1:2181,zk2:2181,zk3:2181", "zk1:2181/apps/"),
                        "fleet.zookeeper 'zk1:2181/apps/' ends in the chroot '/apps/', which is not a ZooKeeper path"),
                arguments(FLEET.replace("zk1:2181,zk2:2181,zk3:2181", "zk1:2181/apps/../etc"),
                        "ends in the chroot '/apps/../etc', which is not a ZooKeeper path"),
                arguments(FLEET.replace("zk1:2181,zk2:2181,zk3:2181", "zk1:2181/my apps"),
                        "ends in the chroot '/my apps', which is not a ZooKeeper path"),
                arguments(in(FLEET, "fleet", "name: Shop/1"), "fleet.name 'Shop/1' must be lower-case letters"),
                arguments(in(FLEET, "fleet", "host: Web_3"), "fleet.host 'Web_3' cannot name this agent in the fleet"),
                arguments(in(FLEET, "fleet", "batch-size: 0"), "fleet.batch-size is 0: it must be at least 1"),
                arguments(in(FLEET, "fleet", "canary: 0"), "fleet.canary '0' must be a number of hosts"),
                arguments(in(FLEET, "fleet", "canary: 150%"), "fleet.canary '150%' must be a number of hosts"),
                arguments(in(FLEET, "fleet", "canary: 0%"), "fleet.canary '0%' must be a number of hosts"),
                arguments(in(FLEET, "fleet", "host-deadline: 0s"), "fleet.host-deadline is zero"),
                arguments(in(FLEET, "fleet", "session-timeout: 0s"), "fleet.session-timeout is zero"),
                arguments(in(FLEET, "fleet", "connection-timeout: 0s"), "fleet.connection-timeout is zero"),
                arguments(in(FLEET, "fleet", "connection-timeout: 20s"),
                        "fleet.connection-timeout (20s) cannot be longer than fleet.session-timeout (15s)"));
    }

    @Test
    void aFleetIsNamedAfterTheAppAndItsAgentAfterTheMachineUnlessTheFileSaysOtherwise() throws IOException {
        StandbyConfig.Fleet defaults = load(FLEET).fleetIfSet().orElseThrow();
        StandbyConfig.Fleet given = load(in(in(in(FLEET, "fleet", "host: web-3"), "fleet", "name: shop-eu"), "fleet", "canary: 10%"))
                .fleetIfSet().orElseThrow();

        assertThat(load(VALID).fleetIfSet()).isEmpty();
        assertThat(defaults.name()).isEqualTo("shop");
        assertThat(defaults.host()).isEqualTo(MachineName.lowerCase()).isNotBlank();
        assertThat(defaults.canaryHosts()).contains(1);
        assertThat(given.name()).isEqualTo("shop-eu");
        assertThat(given.host()).isEqualTo("web-3");
        assertThat(given.canaryPercent()).contains(10);
        assertThat(given.canaryHosts()).isEmpty();
    }

    @Test
    void aZooKeeperEnsembleMayEndInAChrootAsItsClientTakesIt() throws IOException {
        String withChroot = FLEET.replace("zk1:2181,zk2:2181,zk3:2181", "zk1.example.com:2181,10.0.0.7:2182/apps/shop");

        assertThat(load(withChroot).fleetIfSet().orElseThrow().zookeeper()).isEqualTo("zk1.example.com:2181,10.0.0.7:2182/apps/shop");
    }

    @ParameterizedTest
    @MethodSource("unfitValues")
    void anUnfitValueIsRefusedWhenTheFileIsReadNamingItsKey(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void anHttpsProxyIsRefusedBecauseTheProbeAsksThePlainHttpListener() {
        assertThatThrownBy(() -> load(VALID.replace("http://127.0.0.1:80", "https://shop.example.com")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health.proxy-url 'https://shop.example.com' is https")
                .hasMessageContaining("give the proxy's plain-http address, such as http://127.0.0.1:80");
    }

    @Test
    void aSecretWithoutAUserIsRefusedNamingBothKeys() {
        assertThatThrownBy(() -> load(in(VALID, "repository", "secret-env: STANDBY_GIT_TOKEN")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("repository.secret-env is set but repository.username is not");
    }

    @Test
    void aRefusedAddressIsShownWithoutItsPassword() {
        assertThatThrownBy(() -> load(VALID.replace("file:///srv/git/shop.git", "ssh://deploy:p@ss:w0rd@-oProxyCommand=x/app.git")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ssh://-oProxyCommand=x/app.git")
                .hasMessageNotContaining("w0rd").hasMessageNotContaining("deploy");
    }

    @Test
    void theUsualValuesAreTaken() throws IOException {
        StandbyConfig config = load(in(in(VALID, "repository", "username: deploy\n  secret-env: STANDBY_GIT_TOKEN"), "health",
                "expect-status: 204") + "service:\n  entry: bin_server-1.php\n  mode: dev-2\n  runtime: supervisord\n"
                + "  supervisord:\n    program: 'web:{app}-{slot}'\n" + "watch:\n  window: 0s\n" + "drain:\n  timeout: 0s\n");

        assertThat(config.health().expectStatus()).isEqualTo(204);
        assertThat(config.service().entry()).isEqualTo("bin_server-1.php");
        assertThat(config.service().supervisord().program()).isEqualTo("web:{app}-{slot}");
        assertThat(config.drain().minimum()).isZero();
        assertThat(load(HAPROXY.replace("backend: shop", "backend: web_shop.v2:a-1")).router().haproxy().backend())
                .isEqualTo("web_shop.v2:a-1");
    }

    /** The file with a line added at the top of a section, e.g. {@code in(VALID, "health", "timeout: 0s")}. */
    private static String in(String yaml, String section, String line) {
        String indent = section.startsWith(" ") ? section.replaceAll("\\S.*", "") + "  " : "  ";
        String header = section + ":\n";
        assertThat(yaml).contains(header);
        return yaml.replaceFirst("(?m)^" + java.util.regex.Pattern.quote(section) + ":\n",
                java.util.regex.Matcher.quoteReplacement(header + indent + line.strip() + "\n"));
    }

    private StandbyConfig load(String yaml) throws IOException {
        return new ConfigLoader().load(Files.writeString(dir.resolve("standby.yml"), yaml));
    }
}
