package io.standby.adapters.git;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.standby.domain.port.out.ReleaseSource;

import java.util.Objects;

/** Releases come from one branch of a git repository, fetched with JGit into a local mirror. */
public final class GitModule extends AbstractModule {

    private final GitSettings settings;

    public GitModule(GitSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    // One instance: it serialises the fetches into the one mirror.
    @Provides
    @Singleton
    ReleaseSource releaseSource() {
        return new JGitSource(settings);
    }
}
