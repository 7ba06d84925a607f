package io.standby.adapters.nginx;

import io.standby.domain.model.Slots;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpstreamTest {

    private static final Slots SLOTS = Slots.of(9501, 9502);

    @Test
    void readsTheTutorialsUpstreamAsBlue() throws IOException {
        String tutorial = tutorialConfig();

        Upstream upstream = Upstream.find(tutorial, "easyswoole.relase.com", "nginx.conf");

        assertThat(upstream.servers()).hasSize(1);
        assertThat(upstream.servers().get(0).address()).isEqualTo("127.0.0.1:9501");
        assertThat(upstream.line()).isEqualTo(20);
        assertThat(upstream.slot(SLOTS)).contains(SLOTS.blue());
    }

    @Test
    void switchingTheTutorialChangesOnlyThePortDigits() throws IOException {
        String tutorial = tutorialConfig();

        String switched = Upstream.find(tutorial, "easyswoole.relase.com", "nginx.conf").pointAt(tutorial, 9502);

        assertThat(switched).isEqualTo(tutorial.replace("server    127.0.0.1:9501;", "server    127.0.0.1:9502;"));
        assertThat(Upstream.find(switched, "easyswoole.relase.com", "nginx.conf").slot(SLOTS)).contains(SLOTS.green());
    }

    @Test
    void keepsParametersCommentsAndEveryOtherByte() {
        String config = """
                http {
                    # the live slot; do not touch 9501 by hand
                    upstream app {
                        # primary
                        server 127.0.0.1:9501 max_fails=3 fail_timeout=10s weight=2;   # trailing note
                        keepalive 8;
                    }
                    server {\r
                        listen 8080;\r
                    }
                }
                """;

        String switched = Upstream.find(config, "app", "app.conf").pointAt(config, 9502);

        assertThat(switched).isEqualTo(config.replace(
                "server 127.0.0.1:9501 max_fails=3 fail_timeout=10s weight=2;",
                "server 127.0.0.1:9502 max_fails=3 fail_timeout=10s weight=2;"));
        assertThat(switched).contains("do not touch 9501 by hand").contains("\r\n");
    }

    @Test
    void leavesTheSamePortUntouchedOutsideTheNamedUpstream() {
        String config = """
                upstream metrics { server 127.0.0.1:9501; }
                upstream app { server 127.0.0.1:9501; }
                server { listen 9501; location / { proxy_pass http://127.0.0.1:9501; } }
                """;

        String switched = Upstream.find(config, "app", "app.conf").pointAt(config, 9502);

        assertThat(switched).isEqualTo("""
                upstream metrics { server 127.0.0.1:9501; }
                upstream app { server 127.0.0.1:9502; }
                server { listen 9501; location / { proxy_pass http://127.0.0.1:9501; } }
                """);
    }

    @Test
    void ignoresAnUpstreamThatIsCommentedOut() {
        String config = """
                # upstream app { server 127.0.0.1:9502; }
                upstream   app{
                \tserver\tlocalhost:9501 ;
                }
                """;

        Upstream upstream = Upstream.find(config, "app", "app.conf");

        assertThat(upstream.slot(SLOTS)).contains(SLOTS.blue());
        assertThat(upstream.pointAt(config, 9502)).contains("\tserver\tlocalhost:9502 ;").contains("# upstream app { server 127.0.0.1:9502; }");
    }

    @Test
    void mapsLocalhostAndIpv6AddressesByTheirPort() {
        String config = """
                upstream app {
                    server localhost:9502;
                    server [::1]:9502 backup;
                }
                """;

        Upstream upstream = Upstream.find(config, "app", "app.conf");

        assertThat(upstream.slot(SLOTS)).contains(SLOTS.green());
        assertThat(upstream.pointAt(config, 9501)).isEqualTo("""
                upstream app {
                    server localhost:9501;
                    server [::1]:9501 backup;
                }
                """);
    }

    @Test
    void pointsAtNeitherSlotWhenTheServersSayOtherwise() {
        String foreign = "upstream app { server 10.0.0.7:8000; }";
        String mixed = "upstream app { server 127.0.0.1:9501; server 127.0.0.1:9502; }";
        String portless = "upstream app { server backend.internal; server unix:/run/app.sock; }";

        assertThat(Upstream.find(foreign, "app", "f").slot(SLOTS)).isEmpty();
        assertThat(Upstream.find(foreign, "app", "f").foreign(SLOTS)).hasSize(1);
        assertThat(Upstream.find(mixed, "app", "f").slot(SLOTS)).isEmpty();
        assertThat(Upstream.find(mixed, "app", "f").foreign(SLOTS)).isEmpty();
        assertThat(Upstream.find(portless, "app", "f").foreign(SLOTS)).hasSize(2);
        assertThat(Upstream.find("upstream app { keepalive 4; }", "app", "f").slot(SLOTS)).isEmpty();
    }

    @Test
    void quotesAndBracesInsideStringsDoNotConfuseTheParser() {
        String config = """
                log_format main '{ "upstream app {": "$request" } # not a comment';
                map $uri $x { default "}"; }
                upstream app { server "127.0.0.1:9501"; }
                """;

        Upstream upstream = Upstream.find(config, "app", "app.conf");

        assertThat(upstream.slot(SLOTS)).contains(SLOTS.blue());
        assertThat(upstream.pointAt(config, 9502)).endsWith("upstream app { server \"127.0.0.1:9502\"; }\n");
    }

    @Test
    void aMissingUpstreamSaysWhereToLookAndHowToFixIt() {
        assertThatThrownBy(() -> Upstream.find("upstream other { server 127.0.0.1:9501; }", "app", "/etc/nginx/app.conf"))
                .isInstanceOf(NginxConfigException.class)
                .hasMessageContaining("no \"upstream app { ... }\" block in /etc/nginx/app.conf")
                .hasMessageContaining("Fix:");
    }

    @Test
    void anUpstreamDefinedTwiceIsRefusedWithBothLines() {
        String config = """
                upstream app { server 127.0.0.1:9501; }

                upstream app { server 127.0.0.1:9502; }
                """;

        assertThatThrownBy(() -> Upstream.find(config, "app", "app.conf"))
                .isInstanceOf(NginxConfigException.class)
                .hasMessageContaining("defined 2 times in app.conf (lines 1, 3)")
                .hasMessageContaining("Fix: keep a single block");
    }

    @Test
    void unbalancedBracesAreReportedWithTheirLine() {
        assertThatThrownBy(() -> Upstream.find("http {\n upstream app { server 127.0.0.1:9501; }\n", "app", "app.conf"))
                .isInstanceOf(NginxConfigException.class)
                .hasMessageContaining("not closed before the end of app.conf");
        assertThatThrownBy(() -> Upstream.find("upstream app { server 127.0.0.1:9501; }\n}\n", "app", "app.conf"))
                .isInstanceOf(NginxConfigException.class)
                .hasMessageContaining("unexpected \"}\" at app.conf:2");
    }

    static String tutorialConfig() throws IOException {
        try (InputStream in = UpstreamTest.class.getResourceAsStream("tutorial-nginx.conf")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
