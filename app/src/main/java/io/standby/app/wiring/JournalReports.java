package io.standby.app.wiring;

import io.standby.app.config.StandbyConfig;
import io.standby.app.state.FileReleaseStore;
import io.standby.app.state.StateFiles;
import io.standby.domain.port.in.ReportReleases;
import io.standby.domain.port.out.ReleaseStore;
import io.standby.domain.service.Reports;

import java.nio.file.Path;

/**
 * The journal and the reports over it, built by hand for the read-only commands ({@code status}, {@code history}):
 * they load the configuration and read the journal, and build no injector and no adapter, so no class of Guice,
 * JGit, Curator, nginx or HAProxy is loaded and they answer quickly, even when the proxy or the repository cannot.
 */
public final class JournalReports {

    private JournalReports() {
    }

    /** What {@code status} and {@code history} print, read from the configuration's state directory. */
    public static ReportReleases of(StandbyConfig config) {
        return new Reports(store(config));
    }

    /** The journal in the state directory; the agent's wiring opens it here too, so that both read the same files. */
    static ReleaseStore store(StandbyConfig config) {
        return store(config.stateDir());
    }

    /** The journal kept in this directory. */
    public static ReleaseStore store(Path stateDir) {
        return new FileReleaseStore(stateDir, new StateFiles());
    }

    /** What {@code status} and {@code history} would print from the journal in this directory. */
    public static ReportReleases in(Path stateDir) {
        return new Reports(store(stateDir));
    }
}
