package io.standby.domain.fleet;

import java.util.Objects;

/** What an operator asks of the rollout under way; the leader applies it, only to the rollout it names. */
public sealed interface FleetCommand permits FleetCommand.Promote, FleetCommand.Pause, FleetCommand.Resume,
        FleetCommand.Abort {

    RolloutId rollout();

    /**
     * The name operators type and the coordination node holds: each command's {@code KEY}, which the command line
     * and whoever reads the node refer to rather than spelling it again.
     */
    String key();

    /** The canary is good: the rest may follow once it has soaked. */
    record Promote(RolloutId rollout) implements FleetCommand {
        public static final String KEY = "promote";

        public Promote {
            Objects.requireNonNull(rollout, "rollout");
        }

        @Override
        public String key() {
            return KEY;
        }
    }

    /** No new wave until resumed; hosts in flight finish, and the way back is never held. */
    record Pause(RolloutId rollout) implements FleetCommand {
        public static final String KEY = "pause";

        public Pause {
            Objects.requireNonNull(rollout, "rollout");
        }

        @Override
        public String key() {
            return KEY;
        }
    }

    record Resume(RolloutId rollout) implements FleetCommand {
        public static final String KEY = "resume";

        public Resume {
            Objects.requireNonNull(rollout, "rollout");
        }

        @Override
        public String key() {
            return KEY;
        }
    }

    /** Mark the commit bad and send every host that took it back. */
    record Abort(RolloutId rollout, String reason) implements FleetCommand {
        public static final String KEY = "abort";

        public Abort {
            Objects.requireNonNull(rollout, "rollout");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String key() {
            return KEY;
        }
    }
}
