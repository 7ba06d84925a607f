package io.standby.adapters.http;

/**
 * Told that the followed branch has moved. A hint only: the poller reads the branch's head from the repository
 * itself, so a signal carries no commit, and one signal or many before the poller looks come to the same.
 */
@FunctionalInterface
public interface PushSignal {

    /** Called on the listener's thread: it must return at once. */
    void pushed();
}
