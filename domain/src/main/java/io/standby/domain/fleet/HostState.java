package io.standby.domain.fleet;

/** What a host's agent says it is doing. */
public enum HostState {
    /** Settled: it serves the commit it reports and is doing nothing else. */
    SERVING,
    /** On its way to the commit it was told; it still serves the one it reports. */
    WORKING,
    /** The commit it was told did not go live here; it serves the one it reports, as before. */
    FAILED
}
