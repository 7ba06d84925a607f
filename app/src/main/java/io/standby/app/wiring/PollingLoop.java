package io.standby.app.wiring;

import io.standby.domain.port.in.PollForRelease;

/** A server on its own: polls its branch and releases every new commit; the clock ends the polling on a stop. */
final class PollingLoop implements AgentLoop {

    private final PollForRelease poller;

    PollingLoop(PollForRelease poller) {
        this.poller = poller;
    }

    @Override
    public void runUntilStopped() {
        poller.pollUntilInterrupted();
    }
}
