package io.standby.adapters.haproxy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerLinesTest {

    private static final String CONFIG = """
            global
                stats socket /run/haproxy.sock mode 600 level admin

            backend other
                server blue 10.0.0.1:80 check
                server green 10.0.0.2:80 check disabled

            backend app
                # the live one is blue
                server blue 127.0.0.1:9501 check inter 2s   # blue slot
                server  green\t127.0.0.1:9502 check disabled
            """;

    @Test
    void switchingToGreenMovesDisabledFromGreenToBlueAndKeepsEveryOtherByte() {
        ServerLines.Edited edited = ServerLines.route(CONFIG, "app", "green", "blue");

        assertThat(edited.ok()).isTrue();
        assertThat(edited.text()).isEqualTo(CONFIG
                .replace("check inter 2s   # blue slot", "check inter 2s disabled   # blue slot")
                .replace("green\t127.0.0.1:9502 check disabled", "green\t127.0.0.1:9502 check"));
    }

    @Test
    void switchingBackRestoresTheOriginalText() {
        String green = ServerLines.route(CONFIG, "app", "green", "blue").text();

        assertThat(ServerLines.route(green, "app", "blue", "green").text()).isEqualTo(CONFIG);
    }

    @Test
    void aConfigThatAlreadyRoutesThereIsLeftAsItIs() {
        assertThat(ServerLines.route(CONFIG, "app", "blue", "green").text()).isEqualTo(CONFIG);
    }

    @Test
    void otherBackendsWithTheSameServerNamesAreNotTouched() {
        String edited = ServerLines.route(CONFIG, "app", "green", "blue").text();

        assertThat(edited).contains("    server blue 10.0.0.1:80 check\n", "    server green 10.0.0.2:80 check disabled\n");
    }

    @Test
    void windowsLineEndingsAndAMissingFinalNewlineSurvive() {
        String crlf = "backend app\r\n  server blue 127.0.0.1:1 check\r\n  server green 127.0.0.1:2 check disabled";

        assertThat(ServerLines.route(crlf, "app", "green", "blue").text())
                .isEqualTo("backend app\r\n  server blue 127.0.0.1:1 check disabled\r\n  server green 127.0.0.1:2 check");
    }

    @Test
    void aListenSectionCountsAsTheBackend() {
        String listen = "listen app\n  bind :80\n  server blue 127.0.0.1:1\n  server green 127.0.0.1:2 disabled\n";

        assertThat(ServerLines.route(listen, "app", "green", "blue").text())
                .isEqualTo("listen app\n  bind :80\n  server blue 127.0.0.1:1 disabled\n  server green 127.0.0.1:2\n");
    }

    @Test
    void aHashInsideQuotesIsNotAComment() {
        String quoted = "backend app\n  server blue 127.0.0.1:1 check-send-proxy \"a#b\"\n  server green 127.0.0.1:2\n";

        assertThat(ServerLines.route(quoted, "app", "green", "blue").text())
                .contains("server blue 127.0.0.1:1 check-send-proxy \"a#b\" disabled\n");
    }

    @Test
    void aMissingBackendIsReported() {
        ServerLines.Edited edited = ServerLines.route(CONFIG, "shop", "green", "blue");

        assertThat(edited.ok()).isFalse();
        assertThat(edited.problem()).contains("no `backend shop`");
    }

    @Test
    void aMissingServerLineIsReported() {
        ServerLines.Edited edited = ServerLines.route(CONFIG, "app", "yellow", "blue");

        assertThat(edited.ok()).isFalse();
        assertThat(edited.problem()).contains("no `server yellow");
    }

    @Test
    void tokensFollowHaproxyQuotingAndComments() {
        assertThat(ServerLines.tokens("  server 'a b' c\\ d \"e\" # f g").stream().map(ServerLines.Token::text))
                .containsExactly("server", "a b", "c d", "e");
    }
}
