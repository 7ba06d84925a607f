package io.standby.app.cli;

import io.standby.domain.model.Deployment;
import io.standby.domain.model.Failed;
import io.standby.domain.model.Live;
import io.standby.domain.model.RolledBack;

import java.io.PrintWriter;

/** Tells the operator how a release ended, and turns it into an exit code. */
final class Outcomes {

    private Outcomes() {
    }

    static int print(Deployment ended, PrintWriter out) {
        var plan = ended.plan();
        String what = plan.revision().shortSha() + " \"" + plan.revision().subject() + "\"";
        if (ended instanceof Live live) {
            out.println("live: " + live.release() + " " + what + " on " + plan.slot());
            return ExitCodes.OK;
        }
        if (ended instanceof Failed failed) {
            out.println("failed at " + failed.stage().label() + ": " + failed.reason());
            out.println(plan.previous().map(p -> "still live: " + p.release() + " on " + p.slot()).orElse("nothing is live"));
            return ExitCodes.RELEASE_FAILED;
        }
        RolledBack rolledBack = (RolledBack) ended;
        out.println("rolled back: " + what + " failed behind the proxy: " + rolledBack.reason());
        return ExitCodes.RELEASE_FAILED;
    }
}
