package io.standby.domain.port.in;

import io.standby.domain.model.Deployment;

import java.util.Optional;

/** The agent's own loop: look at the branch, and release what is new. */
public interface PollForRelease {

    /** Looks once; deploys the branch's newest commit if it is neither live nor known bad. */
    Optional<Deployment> pollOnce();

    /** Polls every interval until interrupted, backing off while the repository cannot be reached. */
    void pollUntilInterrupted();
}
