package io.standby.domain.model;

import java.util.Objects;

/** The result of a step the world performs for us: done, or failed for a reason an operator can act on. */
public sealed interface Outcome permits Outcome.Done, Outcome.Failed {

    static Outcome done() {
        return new Done();
    }

    static Outcome failed(String reason) {
        return new Failed(reason);
    }

    default boolean isDone() {
        return this instanceof Done;
    }

    /** The step did what was asked. */
    record Done() implements Outcome {
    }

    /** The step did not; the reason names the cause and, where it can, the fix. */
    record Failed(String reason) implements Outcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("a failure needs a reason");
            }
        }
    }
}
