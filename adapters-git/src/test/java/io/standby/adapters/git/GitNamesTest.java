package io.standby.adapters.git;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class GitNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://git.example.com/shop/app.git", "git://127.0.0.1:9418/app.git",
            "ssh://git@git.example.com:2222/shop/app.git", "git@github.com:shop/app.git", "file:///srv/git/app.git",
            "/srv/git/app.git"})
    void acceptsTheUsualKindsOfRepositoryAddress(String repository) {
        assertThat(GitNames.addressProblem(repository)).isEmpty();
    }

    @Test
    void refusesAHostThatLooksLikeAnOption() {
        assertThat(GitNames.addressProblem("ssh://-oProxyCommand=touch%20x/app.git")).hasValueSatisfying(problem ->
                assertThat(problem).contains("starting with '-'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "ends.lock", "a..b", "-", "-upload-pack=touch", "@{x}", "with~tilde",
            "colon:", "x/", "back\\slash"})
    void refusesBranchNamesGitWouldRefuse(String branch) {
        assertThat(GitNames.isBranch(branch)).isFalse();
    }

    @Test
    void acceptsBranchNamesWithSlashesAndPunctuation() {
        assertThat(GitNames.isBranch("release/2024-06;x$(y)")).isTrue();
        assertThat(GitNames.isBranch("main")).isTrue();
    }
}
