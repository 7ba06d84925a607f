package io.standby.domain.port.out;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;

/** Installs what a release needs to run (composer's vendor/ for a PHP service). */
public interface DependencyInstaller {

    /** Installs the release's dependencies in its directory; a failure says why in operator's words. */
    Outcome install(Release release);
}
