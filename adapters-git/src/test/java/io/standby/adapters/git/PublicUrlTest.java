package io.standby.adapters.git;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PublicUrlTest {

    @ParameterizedTest
    @CsvSource({
            "https://deploy:t0ken@git.example.com/shop/app.git, https://git.example.com/shop/app.git",
            "https://oauth2:p@ss@git.example.com/app.git,       https://git.example.com/app.git",
            "'https://deploy:p@ss:w0rd@git.example.com/app.git', https://git.example.com/app.git",
            "'https://deploy:p%40ss%3Aw0rd@git.example.com/app.git', https://git.example.com/app.git",
            "'http://deploy:p@ss:w0rd@127.0.0.1:8080/app.git',  http://127.0.0.1:8080/app.git",
            "'ssh://git:p:a@ss@git.example.com:2222/app.git',   ssh://git.example.com:2222/app.git",
            "'https://me@example.com:p@ss:w@git.example.com/a', https://git.example.com/a",
            "https://deploy@git.example.com/app.git,            https://git.example.com/app.git",
            "ssh://git@git.example.com:2222/app.git,            ssh://git.example.com:2222/app.git",
            "git@github.com:shop/app.git,                       github.com:shop/app.git",
            "https://git.example.com/app.git,                   https://git.example.com/app.git",
            "file:///srv/git/app.git,                           file:///srv/git/app.git",
            "/srv/git/app.git,                                  /srv/git/app.git"})
    void dropsUserAndPasswordAndKeepsTheRest(String repository, String shown) {
        assertThat(PublicUrl.of(repository).toString()).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource({
            "'https://deploy:p@ss:w0rd@git.example.com/app.git',    p@ss:w0rd",
            "'https://deploy:p%40ss%3Aw0rd@git.example.com/app.git', p@ss:w0rd",
            "'ssh://git:p:a@ss@git.example.com:2222/app.git',       p:a@ss"})
    void findsThePasswordToScrubEvenWithAtAndColonInIt(String repository, String password) {
        assertThat(PublicUrl.passwordIn(repository)).contains(password);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://deploy@git.example.com/app.git", "git@github.com:shop/app.git", "/srv/git/app.git"})
    void findsNoPasswordWhereThereIsNone(String repository) {
        assertThat(PublicUrl.passwordIn(repository)).isEmpty();
    }
}
