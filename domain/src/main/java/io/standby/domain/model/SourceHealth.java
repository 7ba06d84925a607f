package io.standby.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the poller last learned from the repository, kept in the journal so that {@code status}, a separate
 * process, can tell the operator that the source is unreachable while the live release keeps serving.
 */
public record SourceHealth(Instant checkedAt, Optional<String> problem, int failuresInARow) {

    public SourceHealth {
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(problem, "problem");
        if (failuresInARow < 0) {
            throw new IllegalArgumentException("failuresInARow cannot be negative");
        }
    }

    public static SourceHealth reachable(Instant at) {
        return new SourceHealth(at, Optional.empty(), 0);
    }

    public SourceHealth failedAgain(Instant at, String problem) {
        return new SourceHealth(at, Optional.of(problem), failuresInARow + 1);
    }
}
