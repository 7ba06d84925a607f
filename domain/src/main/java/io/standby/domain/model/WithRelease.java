package io.standby.domain.model;

import java.util.Optional;

/** A state reached once the release's files were fetched: every later stage works on that one release. */
public sealed interface WithRelease extends Deployment
        permits Fetched, Installed, Started, Healthy, Switched, Verified, Drained, Live, RolledBack {

    Release release();

    @Override
    default Optional<Release> fetched() {
        return Optional.of(release());
    }
}
