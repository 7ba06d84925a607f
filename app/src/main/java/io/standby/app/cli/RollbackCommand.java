package io.standby.app.cli;

import io.standby.domain.model.ReleaseId;
import io.standby.domain.port.in.RequestRefusedException;
import io.standby.domain.port.in.RollBack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Optional;

/** Back to a kept release, through the same safe path as any release. */
@Command(name = "rollback", description = "Return to the previous kept release, or to the named one; the release left is not deployed again until a newer commit appears.")
final class RollbackCommand extends ReleasingCommand {

    @Parameters(arity = "0..1", paramLabel = "RELEASE", description = "A release id from `standby history`.")
    String release;

    @Override
    Request<RollBack> release() {
        Optional<ReleaseId> target = Optional.ofNullable(release).map(RollbackCommand::releaseId);
        return new Request<>(RollBack.class, rollbacks -> rollbacks.rollBack(target));
    }

    /** A release id, or a refusal that says where to find one; the id's format keeps it inside the releases root. */
    private static ReleaseId releaseId(String text) {
        try {
            return new ReleaseId(text);
        } catch (IllegalArgumentException e) {
            throw new RequestRefusedException("'" + text + "' is not a release id: give one that `standby history` lists,"
                    + " such as 20240131120000-1a2b3c4 (nothing was changed)");
        }
    }
}
