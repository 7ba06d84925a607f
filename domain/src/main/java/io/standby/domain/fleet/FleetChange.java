package io.standby.domain.fleet;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the leader writes after one look at the fleet, all at once or not at all: the coordination applies it only if
 * the rollout is still at {@code expectedVersion} and the writer still leads.
 *
 * @param rollout  the rollout's new state, if it changed
 * @param assign   new instructions, by host
 * @param withdraw hosts whose instruction is taken back (away too long while the fleet goes back)
 * @param consumed ids of the operators' commands this change applies (or ignores, with a note)
 * @param bad      commits to mark bad
 * @param notes    what an operator should read in the leader's log
 */
public record FleetChange(int expectedVersion, Optional<Rollout> rollout, Map<HostName, Desired> assign,
                          Set<HostName> withdraw, List<String> consumed, List<BadCommit> bad, List<String> notes) {

    public FleetChange {
        Objects.requireNonNull(rollout, "rollout");
        assign = Map.copyOf(assign);
        withdraw = Set.copyOf(withdraw);
        consumed = List.copyOf(consumed);
        bad = List.copyOf(bad);
        notes = List.copyOf(notes);
    }

    /** Whether there is nothing to write (notes alone are not written). */
    public boolean writesNothing() {
        return rollout.isEmpty() && assign.isEmpty() && withdraw.isEmpty() && consumed.isEmpty() && bad.isEmpty();
    }
}
