package io.standby.adapters.git;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GitSettingsTest {

    private static final Path MIRROR = Path.of("/var/lib/standby/mirror.git");

    private static GitSettings settings(String repository, String branch, Duration timeout,
                                        Optional<String> username, Optional<String> secret) {
        return new GitSettings(repository, branch, MIRROR, timeout, username, secret);
    }

    @Test
    void roundsTheTimeoutUpToWholeSeconds() {
        assertThat(settings("/srv/git/app.git", "main", Duration.ofMillis(1500), Optional.empty(), Optional.empty())
                .timeoutSeconds()).isEqualTo(2);
        assertThat(settings("/srv/git/app.git", "main", Duration.ofMillis(1), Optional.empty(), Optional.empty())
                .timeoutSeconds()).isEqualTo(1);
        assertThat(settings("/srv/git/app.git", "main", Duration.ofSeconds(Long.MAX_VALUE), Optional.empty(), Optional.empty())
                .timeoutSeconds()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void nullOptionalsMeanNoCredentials() {
        GitSettings settings = new GitSettings("/srv/git/app.git", "main", MIRROR, Duration.ofSeconds(5), null, null);

        assertThat(settings.username()).isEmpty();
        assertThat(settings.secret()).isEmpty();
    }

    @Test
    void toStringHidesTheSecretAndAnyPasswordInTheUrl() {
        GitSettings settings = settings("https://deploy:url-password@git.example.com/shop/app.git", "main",
                Duration.ofSeconds(5), Optional.of("deploy"), Optional.of("s3cr3t-token"));

        assertThat(settings.toString())
                .doesNotContain("s3cr3t-token", "url-password")
                .contains("https://git.example.com/shop/app.git", "secret=(redacted)", "username=deploy");
    }
}
