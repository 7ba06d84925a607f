package io.standby.domain.service;

import io.standby.domain.port.out.Clock;
import io.standby.domain.port.out.ProxyUnavailableException;
import io.standby.domain.port.out.Timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A spell in which the proxy could not be reached while the state machine kept asking: told to the operator once
 * when it begins and once when it ends, and summed up for the history.
 */
final class ProxyOutage {

    private final Clock clock;
    private final Timeline timeline;
    private final String asking;
    private Optional<Instant> since = Optional.empty();
    private Optional<String> reason = Optional.empty();
    private Duration total = Duration.ZERO;

    /** {@code asking} completes "the proxy could not be reached while ...", e.g. "switching back to blue:9501". */
    ProxyOutage(Clock clock, Timeline timeline, String asking) {
        this.clock = clock;
        this.timeline = timeline;
        this.asking = asking;
    }

    /** Asks the proxy: its answer, once it answers; empty, the spell noted, while it cannot be reached. */
    <T> Optional<T> ask(Supplier<T> question) {
        T answer;
        try {
            answer = question.get();
        } catch (ProxyUnavailableException e) {
            failed(e);
            return Optional.empty();
        }
        answered();
        return Optional.of(answer);
    }

    private void failed(ProxyUnavailableException e) {
        if (since.isEmpty()) {
            since = Optional.of(clock.now());
            timeline.note("the proxy cannot be reached while " + asking + ": " + e.getMessage() + "; asking again");
        }
        reason = Optional.of(e.getMessage());
    }

    private void answered() {
        since.ifPresent(began -> {
            Duration spell = Duration.between(began, clock.now());
            total = total.plus(spell);
            timeline.note("the proxy answers again after " + spell.toMillis() + " ms (" + asking + ")");
        });
        since = Optional.empty();
    }

    /** Whether the last question went unanswered. */
    boolean ongoing() {
        return since.isPresent();
    }

    /** The last reason the proxy gave for not answering, if it ever failed to. */
    Optional<String> reason() {
        return reason;
    }

    /** For the history: how long the proxy could not be reached and why; empty if it always answered. */
    Optional<String> remark() {
        Duration spent = total.plus(since.map(began -> Duration.between(began, clock.now())).orElse(Duration.ZERO));
        return reason.map(why -> "the proxy could not be reached for " + spent.toMillis() + " ms while " + asking
                + " (" + why + ")");
    }
}
