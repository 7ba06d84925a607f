package io.standby.adapters.haproxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

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

    static Stream<Arguments> layouts() {
        return Stream.of(
                arguments("windows line endings and a missing final newline survive",
                        "backend app\r\n  server blue 127.0.0.1:1 check\r\n  server green 127.0.0.1:2 check disabled",
                        "backend app\r\n  server blue 127.0.0.1:1 check disabled\r\n  server green 127.0.0.1:2 check"),
                arguments("a listen section counts as the backend",
                        "listen app\n  bind :80\n  server blue 127.0.0.1:1\n  server green 127.0.0.1:2 disabled\n",
                        "listen app\n  bind :80\n  server blue 127.0.0.1:1 disabled\n  server green 127.0.0.1:2\n"),
                arguments("a hash inside quotes is not a comment",
                        "backend app\n  server blue 127.0.0.1:1 check-send-proxy \"a#b\"\n  server green 127.0.0.1:2\n",
                        "backend app\n  server blue 127.0.0.1:1 check-send-proxy \"a#b\" disabled\n  server green 127.0.0.1:2\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void switchingToGreenRewritesOnlyTheTwoServerLines(String description, String config, String routedToGreen) {
        assertThat(ServerLines.route(config, "app", "green", "blue").text()).isEqualTo(routedToGreen);
    }

    @ParameterizedTest(name = "backend {0}, server {1}")
    @CsvSource({
            "shop, green, no `backend shop`",
            "app, yellow, no `server yellow"})
    void whatIsNotThereIsReported(String backend, String server, String problem) {
        ServerLines.Edited edited = ServerLines.route(CONFIG, backend, server, "blue");

        assertThat(edited.ok()).isFalse();
        assertThat(edited.problem()).contains(problem);
    }

    @Test
    void tokensFollowHaproxyQuotingAndComments() {
        assertThat(ServerLines.tokens("  server 'a b' c\\ d \"e\" # f g").stream().map(ServerLines.Token::text))
                .containsExactly("server", "a b", "c d", "e");
    }
}
