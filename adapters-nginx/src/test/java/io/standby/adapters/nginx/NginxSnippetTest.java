package io.standby.adapters.nginx;

import io.standby.domain.model.Slots;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NginxSnippetTest {

    private final NginxSnippet snippet = NginxSnippet.of(
            TestSettings.flag(Slots.of(9501, 9502), "app", Path.of("/var/lib/standby/app/green")));

    @Test
    void rendersTheUpstreamsTheFlagTestAndTheProxyPass() {
        assertThat(snippet.render()).contains(
                "upstream app_blue {\n    server 127.0.0.1:9501;\n    keepalive 16;\n}",
                "upstream app_green {\n    server 127.0.0.1:9502;\n    keepalive 16;\n}",
                "set $standby_pool app_blue;",
                "if (-f /var/lib/standby/app/green) {\n    set $standby_pool app_green;\n}",
                "proxy_pass http://$standby_pool;",
                "proxy_http_version 1.1;",
                "proxy_set_header Connection \"\";");
    }

    @Test
    void findsNothingMissingInAConfigurationThatIncludesIt() {
        String dump = "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n"
                + "# configuration file /etc/nginx/nginx.conf:\n"
                + "http {\n" + snippet.httpPart() + "server {\n listen 80;\n" + snippet.serverPart() + "}\n}\n"
                + "nginx: configuration file /etc/nginx/nginx.conf test is successful\n";

        assertThat(snippet.problemsIn(dump)).isEmpty();
    }

    @Test
    void namesEachMissingPiece() {
        String dump = "http { server { listen 80; location / { proxy_pass http://127.0.0.1:9501; } } }";

        assertThat(snippet.problemsIn(dump)).hasSize(5).anySatisfy(p -> assertThat(p).startsWith("no \"upstream app_blue"))
                .anySatisfy(p -> assertThat(p).startsWith("no \"upstream app_green"))
                .anySatisfy(p -> assertThat(p).startsWith("no \"if (-f /var/lib/standby/app/green)"))
                .anySatisfy(p -> assertThat(p).startsWith("no \"set $standby_pool app_blue;\""))
                .anySatisfy(p -> assertThat(p).startsWith("no \"proxy_pass http://$standby_pool;\""))
                .allSatisfy(p -> assertThat(p).contains("Fix:"));
    }

    @Test
    void noticesAFlagTestForAnotherPathAndAWrongPort() {
        String dump = snippet.httpPart().replace(":9502", ":9999")
                + snippet.serverPart().replace("/var/lib/standby/app/green", "/tmp/green");

        assertThat(snippet.problemsIn(dump)).containsExactlyInAnyOrder(
                "\"upstream app_green\" has no server line with port 9502 (the green slot). Fix: make it \"server 127.0.0.1:9502;\"",
                "no \"if (-f /var/lib/standby/app/green) { set $standby_pool app_green; }\": creating the flag file changes"
                        + " nothing. Fix: add it to the server block that fronts app (part 2 of `standby nginx-config`), with"
                        + " the same path as router.nginx.flag-file");
    }

    @Test
    void noticesAFlagTestThatSetsNothingAndAnOpenFileCache() {
        String dump = snippet.httpPart() + "open_file_cache max=100;\n"
                + snippet.serverPart().replace("    set $standby_pool app_green;\n", "    return 503;\n");

        assertThat(snippet.problemsIn(dump)).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("the \"if (-f /var/lib/standby/app/green)\" block does not"))
                .anySatisfy(p -> assertThat(p).startsWith("open_file_cache is on"));
    }

    @Test
    void belongsToFlagModeOnly() {
        assertThatThrownBy(() -> NginxSnippet.of(TestSettings.reload(Slots.of(9501, 9502), Path.of("/etc/nginx/nginx.conf"),
                "app", Path.of("/run/nginx.pid")))).hasMessageContaining("FLAG mode");
    }

    /** An operator's own names for everything: nginx does exactly what flag mode needs, so nothing is missing. */
    static final String OWN_NAMES = """
            http {
              upstream old_pool { server 127.0.0.1:9501; keepalive 8; }
              upstream new_pool { server 127.0.0.1:9502; keepalive 8; }
              server {
                listen 80;
                set $backend old_pool;
                if (-f "/var/lib/standby/app/green") { set $backend new_pool; }
                location /api/ { proxy_pass http://$backend/; }
              }
            }
            """;

    @Test
    void acceptsAnyVariableAndUpstreamNamesThatRouteTheSameWay() {
        assertThat(snippet.problemsIn(OWN_NAMES)).isEmpty();
    }

    @Test
    void acceptsLiteralAddressesInsteadOfUpstreams() {
        String dump = "server { set $to 127.0.0.1:9501; if (-f /var/lib/standby/app/green) { set $to 127.0.0.1:9502; }"
                + " location / { proxy_pass http://$to; } }";

        assertThat(snippet.problemsIn(dump)).isEmpty();
    }

    @Test
    void refusesADefaultThatReachesTheGreenSlot() {
        String reversed = OWN_NAMES.replace("set $backend old_pool;", "set $backend new_pool;")
                .replace("{ set $backend new_pool; }", "{ set $backend old_pool; }");

        assertThat(snippet.problemsIn(reversed)).containsExactly(
                "without the flag file, \"set $backend new_pool;\" sends to port 9502, not to port 9501 of the blue slot."
                        + " Fix: \"set $backend old_pool;\" there",
                "while the flag file exists, \"set $backend old_pool;\" sends to port 9501, not to port 9502 of the green"
                        + " slot. Fix: \"set $backend new_pool;\" there");
    }

    @Test
    void aSetUnderAnotherConditionIsNoDefault() {
        String dump = OWN_NAMES.replace("set $backend old_pool;", "if ($http_x_canary) { set $backend old_pool; }");

        assertThat(snippet.problemsIn(dump)).singleElement().asString()
                .startsWith("no \"set $backend old_pool;\": without this default");
    }

    @Test
    void namesAnUpstreamNginxDoesNotKnow() {
        String dump = OWN_NAMES.replace("{ set $backend new_pool; }", "{ set $backend newpool; }");

        assertThat(snippet.problemsIn(dump)).singleElement().asString().isEqualTo(
                "while the flag file exists, \"set $backend newpool;\" sends to no upstream nginx knows, not to port 9502"
                        + " of the green slot. Fix: \"set $backend new_pool;\" there");
    }

    @Test
    void oneServerBlockThatWorksIsEnoughAmongOthers() {
        String dump = OWN_NAMES.replace("server {\n    listen 80;", "server { listen 81; location / { proxy_pass http://$other; } }\n"
                + "  server {\n    listen 80;");

        assertThat(dump).contains("listen 81");
        assertThat(snippet.problemsIn(dump)).isEmpty();
    }
}
