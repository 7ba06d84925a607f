package io.standby.adapters.git;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitSettingsTest {

    private static final Path MIRROR = Path.of("/var/lib/standby/mirror.git");

    private static GitSettings settings(String repository, String branch, Duration timeout,
                                        Optional<String> username, Optional<String> secret) {
        return new GitSettings(repository, branch, MIRROR, timeout, username, secret);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://git.example.com/shop/app.git", "git://127.0.0.1:9418/app.git",
            "ssh://git@git.example.com:2222/shop/app.git", "git@github.com:shop/app.git", "file:///srv/git/app.git",
            "/srv/git/app.git"})
    void acceptsTheUsualKindsOfRepositoryAddress(String repository) {
        assertThat(new GitSettings(repository, "main", MIRROR).repository()).isEqualTo(repository);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "ends.lock", "a..b", "-", "@{x}", "with~tilde", "colon:", "x/", "back\\slash"})
    void refusesBranchNamesGitWouldRefuse(String branch) {
        assertThatThrownBy(() -> new GitSettings("/srv/git/app.git", branch, MIRROR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid branch name");
    }

    @Test
    void acceptsBranchNamesWithSlashesAndPunctuation() {
        assertThat(new GitSettings("/srv/git/app.git", "release/2024-06;x$(y)", MIRROR).branch())
                .isEqualTo("release/2024-06;x$(y)");
    }

    @Test
    void refusesABlankRepositoryAndAHostThatLooksLikeAnOption() {
        assertThatThrownBy(() -> new GitSettings(" ", "main", MIRROR)).hasMessageContaining("git repository is empty");
        assertThatThrownBy(() -> new GitSettings("ssh://-oProxyCommand=touch%20x/app.git", "main", MIRROR))
                .hasMessageContaining("starting with '-'");
    }

    @Test
    void refusesATimeoutThatIsNotPositive() {
        assertThatThrownBy(() -> settings("/srv/git/app.git", "main", Duration.ZERO, Optional.empty(),
                Optional.empty())).hasMessageContaining("timeout");
        assertThatThrownBy(() -> settings("/srv/git/app.git", "main", Duration.ofSeconds(-1), Optional.empty(),
                Optional.empty())).hasMessageContaining("timeout");
    }

    @Test
    void roundsTheTimeoutUpToWholeSeconds() {
        assertThat(settings("/srv/git/app.git", "main", Duration.ofMillis(1500), Optional.empty(), Optional.empty())
                .timeoutSeconds()).isEqualTo(2);
        assertThat(settings("/srv/git/app.git", "main", Duration.ofMillis(1), Optional.empty(), Optional.empty())
                .timeoutSeconds()).isEqualTo(1);
    }

    @Test
    void aSecretNeedsAUsernameAndMustNotBeBlank() {
        assertThatThrownBy(() -> settings("https://git.example.com/app.git", "main", Duration.ofSeconds(5),
                Optional.empty(), Optional.of("token"))).hasMessageContaining("git username is not");
        assertThatThrownBy(() -> settings("https://git.example.com/app.git", "main", Duration.ofSeconds(5),
                Optional.of("deploy"), Optional.of(" "))).hasMessageContaining("secret is blank");
    }

    @Test
    void nullOptionalsMeanNoCredentials() {
        GitSettings settings = new GitSettings("/srv/git/app.git", "main", MIRROR, Duration.ofSeconds(5), null, null);

        assertThat(settings.username()).isEmpty();
        assertThat(settings.secret()).isEmpty();
    }

    @Test
    void aRefusedAddressIsShownWithoutAPasswordHoldingAtAndColon() {
        assertThatThrownBy(() -> new GitSettings("ssh://deploy:p@ss:w0rd@-oProxyCommand=x/app.git", "main", MIRROR))
                .hasMessageContaining("ssh://-oProxyCommand=x/app.git")
                .hasMessageNotContaining("w0rd").hasMessageNotContaining("deploy");
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
