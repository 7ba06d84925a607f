package io.standby.app.cli;

/** What the agent's exit code tells a script or a service manager. */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** A release was attempted and did not go live; the previous release still serves. */
    public static final int RELEASE_FAILED = 1;
    /** The configuration or the request was wrong; nothing was changed. */
    public static final int BAD_INPUT = 2;
    /** Another agent holds the lock; nothing was changed. */
    public static final int BUSY = 3;
    /** The environment is broken (disk, repository, proxy); the live release keeps serving. */
    public static final int ENVIRONMENT = 4;
    /** Standby itself failed (sysexits' EX_SOFTWARE); the stack trace is in the log. */
    public static final int BUG = 70;

    private ExitCodes() {
    }
}
