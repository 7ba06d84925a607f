package io.standby.app.cli.fleet;

import io.standby.domain.fleet.CommitId;
import io.standby.domain.fleet.Desired;
import io.standby.domain.fleet.FleetStatus;
import io.standby.domain.fleet.HostReport;
import io.standby.domain.fleet.HostStatus;
import io.standby.domain.fleet.Phase;
import io.standby.domain.fleet.Rollout;
import io.standby.domain.fleet.RolloutPolicy;
import io.standby.domain.fleet.CanarySize;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What {@code standby fleet status --json} prints, built field by field from the domain's answer so that the domain
 * may change without scripts noticing. Times are ISO-8601 instants, durations ISO-8601 durations, commits full ids;
 * a value that does not apply is {@code null}. Fields are added, never renamed or removed, without a new
 * {@code format}.
 *
 * @param fleet   the fleet's name, as in the configuration
 * @param leader  the host whose agent leads now, or null while none does
 * @param rollout the current (or last) rollout, or null before the fleet's first
 * @param hosts   every host the fleet knows of, registered or away, by name
 * @param bad     commits the fleet gave up on, which no rollout starts again
 */
record FleetStatusJson(int format, String fleet, String leader, RolloutJson rollout, List<HostJson> hosts,
                       List<String> bad) {

    static final int FORMAT = 1;

    static FleetStatusJson of(String fleet, FleetStatus status) {
        return new FleetStatusJson(FORMAT, fleet, status.leader().map(Object::toString).orElse(null),
                status.rollout().map(RolloutJson::of).orElse(null),
                status.hosts().stream().map(HostJson::of).toList(),
                status.bad().stream().map(CommitId::sha).sorted().toList());
    }

    /**
     * @param phase        canary, canary-soak, awaiting-promotion, rolling, done, aborting or aborted
     * @param phaseSince   when it entered that phase
     * @param reason       why it is aborting or was aborted; null otherwise
     * @param previous     the fleet's last good commit when it began (where an abort goes back to), or null
     * @param canaryHosts  the canary as a number of hosts, or null when it is a share
     * @param canaryPercent the canary as a share of the fleet, or null when it is a number of hosts
     */
    record RolloutJson(String id, String commit, String previous, String phase, String phaseSince, String reason,
                       boolean paused, boolean promoted, List<String> canary, int batchSize, Integer canaryHosts,
                       Integer canaryPercent, String canarySoak, boolean awaitPromotion, String hostDeadline,
                       String startedAt) {

        static RolloutJson of(Rollout rollout) {
            RolloutPolicy policy = rollout.policy();
            Phase phase = rollout.phase();
            return new RolloutJson(rollout.id().value(), rollout.commit().sha(),
                    rollout.previous().map(CommitId::sha).orElse(null), phase.key(),
                    enteredAt(phase, rollout.startedAt()).toString(), whyAborted(phase), rollout.paused(), rollout.promoted(),
                    rollout.canary().stream().map(Object::toString).toList(), policy.batchSize(),
                    policy.canary() instanceof CanarySize.Hosts hosts ? hosts.count() : null,
                    policy.canary() instanceof CanarySize.Percent percent ? percent.percent() : null,
                    policy.canarySoak().toString(), policy.awaitPromotion(), policy.hostDeadline().toString(),
                    rollout.startedAt().toString());
        }
    }

    /**
     * @param registered whether its agent is in the fleet now (its session lives)
     * @param inFlight   whether it was told a commit it does not serve yet; it counts against the batch size
     * @param told       what the leader told it to serve, or null
     * @param serving    the commit its proxy routes to, by its last report, or null
     * @param slot       blue or green, by its last report, or null
     * @param state      serving, working or failed, by its last report, or null before its first
     * @param detail     why it failed or waits; empty when there is nothing to say
     * @param reportedAt when its report last changed, or null
     */
    record HostJson(String host, boolean registered, boolean leader, boolean inFlight, ToldJson told, String serving,
                    String slot, String state, String detail, String reportedAt) {

        static HostJson of(HostStatus host) {
            HostReport report = host.observed().orElse(null);
            return new HostJson(host.host().value(), host.registered(), host.leader(), host.inFlight(),
                    host.desired().map(ToldJson::of).orElse(null),
                    report == null ? null : report.serving().map(CommitId::sha).orElse(null),
                    report == null ? null : report.slot().orElse(null),
                    report == null ? null : report.state().name().toLowerCase(Locale.ROOT),
                    report == null ? "" : report.detail(),
                    report == null ? null : report.at().toString());
        }
    }

    /** @param since when it was told; its deadline counts from then */
    record ToldJson(String rollout, String commit, String since) {

        static ToldJson of(Desired desired) {
            return new ToldJson(desired.rollout().value(), desired.commit().sha(), desired.since().toString());
        }
    }

    static Instant enteredAt(Phase phase, Instant startedAt) {
        return phase.time().orElse(startedAt);
    }

    static String whyAborted(Phase phase) {
        return phase.abortReason().orElse(null);
    }
}
