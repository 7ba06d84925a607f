package io.standby.adapters.git;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.standby.domain.port.out.ReleaseSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GitModuleTest {

    @Test
    void bindsOneJGitSourceAndTouchesNothingOnTheWay(@TempDir Path state) {
        GitSettings settings = new GitSettings("https://git.example.com/shop/app.git", "main",
                state.resolve("mirror.git"), Duration.ofSeconds(10), Optional.empty(), Optional.empty());

        Injector injector = Guice.createInjector(new GitModule(settings));

        assertThat(injector.getInstance(ReleaseSource.class)).isInstanceOf(JGitSource.class)
                .isSameAs(injector.getInstance(ReleaseSource.class));
        assertThat(state.resolve("mirror.git")).doesNotExist();
    }
}
