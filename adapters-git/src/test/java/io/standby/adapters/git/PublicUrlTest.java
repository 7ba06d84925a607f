package io.standby.adapters.git;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PublicUrlTest {

    @ParameterizedTest
    @CsvSource({
            "https://deploy:t0ken@git.example.com/shop/app.git, https://git.example.com/shop/app.git",
            "https://oauth2:p@ss@git.example.com/app.git,       https://git.example.com/app.git",
            "https://deploy@git.example.com/app.git,            https://git.example.com/app.git",
            "ssh://git@git.example.com:2222/app.git,            ssh://git.example.com:2222/app.git",
            "git@github.com:shop/app.git,                       github.com:shop/app.git",
            "https://git.example.com/app.git,                   https://git.example.com/app.git",
            "file:///srv/git/app.git,                           file:///srv/git/app.git",
            "/srv/git/app.git,                                  /srv/git/app.git"})
    void dropsUserAndPasswordAndKeepsTheRest(String repository, String shown) {
        assertThat(PublicUrl.of(repository).toString()).isEqualTo(shown);
    }
}
