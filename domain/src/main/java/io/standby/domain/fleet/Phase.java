package io.standby.domain.fleet;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a rollout stands. Each transition is a method on the phase it leaves, so a rollout cannot reach the rest of
 * the fleet without its canary having soaked, nor end aborted without having gone back first.
 */
public sealed interface Phase permits Phase.Forward, Phase.Aborting, Phase.Done, Phase.Aborted {

    /**
     * The name operators read in `fleet status` and the coordination node holds: each phase's {@code KEY}, which
     * whoever reads such a name back refers to rather than spelling it again.
     */
    String key();

    /** Whether the rollout is over: no wave leaves, only hosts that join late are brought to the last good commit. */
    default boolean isOver() {
        return this instanceof Done || this instanceof Aborted;
    }

    /** When the rollout came to this phase, or for one that is over when it ended; the first wave's phase keeps none. */
    default Optional<Instant> time() {
        return Optional.empty();
    }

    /** Why the rollout is being, or was, given up: only the phases of an abort have a reason. */
    default Optional<String> abortReason() {
        return Optional.empty();
    }

    /** A phase on the way to the new commit; any of them can be aborted. */
    sealed interface Forward extends Phase permits Canary, CanaryServes, Rolling {

        default Aborting abort(String reason, Instant at) {
            return new Aborting(reason, at);
        }
    }

    /** The whole canary serves the new commit while the rest wait; a canary that stops serving it aborts the rollout. */
    sealed interface CanaryServes extends Forward permits CanarySoak, AwaitingPromotion {

        default Rolling roll(Instant at) {
            return new Rolling(at);
        }
    }

    /** The first wave is being told the new commit. */
    record Canary() implements Forward {
        public static final String KEY = "canary";

        public CanarySoak soak(Instant since) {
            return new CanarySoak(since);
        }

        @Override
        public String key() {
            return KEY;
        }
    }

    /** The whole canary serves the new commit and must keep doing so for the soak time. */
    record CanarySoak(Instant since) implements CanaryServes {
        public static final String KEY = "canary-soak";

        public CanarySoak {
            Objects.requireNonNull(since, "since");
        }

        public AwaitingPromotion awaitPromotion(Instant at) {
            return new AwaitingPromotion(at);
        }

        @Override
        public String key() {
            return KEY;
        }

        @Override
        public Optional<Instant> time() {
            return Optional.of(since);
        }
    }

    /** The canary has soaked; the rest wait for an operator's `standby fleet promote`. */
    record AwaitingPromotion(Instant since) implements CanaryServes {
        public static final String KEY = "awaiting-promotion";

        public AwaitingPromotion {
            Objects.requireNonNull(since, "since");
        }

        @Override
        public String key() {
            return KEY;
        }

        @Override
        public Optional<Instant> time() {
            return Optional.of(since);
        }
    }

    /** The rest of the fleet follows, a batch at a time. */
    record Rolling(Instant since) implements Forward {
        public static final String KEY = "rolling";

        public Rolling {
            Objects.requireNonNull(since, "since");
        }

        public Done done(Instant at) {
            return new Done(at);
        }

        @Override
        public String key() {
            return KEY;
        }

        @Override
        public Optional<Instant> time() {
            return Optional.of(since);
        }
    }

    /** Every host serves the new commit. */
    record Done(Instant at) implements Phase {
        public static final String KEY = "done";

        public Done {
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String key() {
            return KEY;
        }

        @Override
        public Optional<Instant> time() {
            return Optional.of(at);
        }
    }

    /** The commit is marked bad; every host that took it goes back to the previous commit, a batch at a time. */
    record Aborting(String reason, Instant since) implements Phase {
        public static final String KEY = "aborting";

        public Aborting {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(since, "since");
        }

        public Aborted aborted(Instant at) {
            return new Aborted(reason, at);
        }

        @Override
        public String key() {
            return KEY;
        }

        @Override
        public Optional<Instant> time() {
            return Optional.of(since);
        }

        @Override
        public Optional<String> abortReason() {
            return Optional.of(reason);
        }
    }

    /** Every host is back on the previous commit; the reason says why the rollout was given up. */
    record Aborted(String reason, Instant at) implements Phase {
        public static final String KEY = "aborted";

        public Aborted {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String key() {
            return KEY;
        }

        @Override
        public Optional<Instant> time() {
            return Optional.of(at);
        }

        @Override
        public Optional<String> abortReason() {
            return Optional.of(reason);
        }
    }
}
