package io.standby.domain.port.in;

import io.standby.domain.model.Deployment;

import java.util.Optional;

/** An operator asks for a release now: the branch's newest commit, or a named one. */
public interface DeployRelease {

    /**
     * Deploys the given commit (full or abbreviated id), or the branch's newest one, even if an earlier
     * attempt at it failed: an operator's explicit request overrides the poller's caution.
     *
     * @return the state the deployment ended in: live, failed or rolled back
     * @throws RequestRefusedException if no commit has that id, or several start with it (the message names them)
     */
    Deployment deploy(Optional<String> commitId);
}
