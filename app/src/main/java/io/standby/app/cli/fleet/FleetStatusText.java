package io.standby.app.cli.fleet;

import io.standby.app.config.StandbyConfig;
import io.standby.domain.fleet.CommitId;
import io.standby.domain.fleet.FleetStatus;
import io.standby.domain.fleet.HostReport;
import io.standby.domain.fleet.HostStatus;
import io.standby.domain.fleet.Rollout;
import io.standby.domain.model.Durations;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** `standby fleet status` for a person: the rollout in a few lines, then one line per host. */
final class FleetStatusText {

    private static final String ROW = "  %-24s %-10s %-9s %-8s %-6s %-8s %-22s %s%n";

    private final StandbyConfig.Fleet fleet;
    private final FleetStatus status;

    FleetStatusText(StandbyConfig.Fleet fleet, FleetStatus status) {
        this.fleet = fleet;
        this.status = status;
    }

    void print(PrintWriter out) {
        out.println("fleet:    " + fleet.name() + " (ZooKeeper " + fleet.zookeeper() + ")");
        out.println("leader:   " + status.leader().map(Object::toString).orElse("none (no agent holds leadership now)"));
        out.println("rollout:  " + status.rollout().map(FleetStatusText::describe).orElse("none yet"));
        status.rollout().ifPresent(rollout -> out.println("rules:    " + rules(rollout)));
        if (!status.bad().isEmpty()) {
            out.println("bad:      " + status.bad().stream().map(CommitId::toString).sorted().collect(Collectors.joining(" ")));
        }
        out.println("hosts:");
        out.printf(Locale.ROOT, ROW, "HOST", "AGENT", "FLIGHT", "SERVES", "SLOT", "STATE", "TOLD", "LAST REPORT");
        if (status.hosts().isEmpty()) {
            out.println("  (none has joined yet)");
        }
        for (HostStatus host : status.hosts()) {
            Optional<HostReport> report = host.observed();
            out.printf(Locale.ROOT, ROW, host.host() + (host.leader() ? " (leader)" : ""),
                    host.registered() ? "registered" : "away", host.inFlight() ? "in flight" : "-",
                    report.flatMap(HostReport::serving).map(CommitId::toString).orElse("-"),
                    report.flatMap(HostReport::slot).orElse("-"),
                    report.map(r -> r.state().name().toLowerCase(Locale.ROOT)).orElse("-"),
                    host.desired().map(d -> d.commit() + " since " + d.since().toString().substring(11, 19)).orElse("-"),
                    report.map(r -> r.at() + (r.detail().isEmpty() ? "" : ": " + r.detail())).orElse("never"));
        }
    }

    private static String describe(Rollout rollout) {
        String reason = Optional.ofNullable(FleetStatusJson.whyAborted(rollout.phase())).map(r -> ": " + r).orElse("");
        return rollout.id() + " of " + rollout.commit() + rollout.previous().map(p -> " (from " + p + ")").orElse("")
                + ", " + rollout.phase().key() + " since " + FleetStatusJson.enteredAt(rollout.phase(), rollout.startedAt())
                + (rollout.paused() ? ", PAUSED" : "") + (rollout.promoted() ? ", promoted" : "") + reason;
    }

    private static String rules(Rollout rollout) {
        var policy = rollout.policy();
        return "batch " + policy.batchSize() + ", canary " + rollout.canary() + " soaking " + Durations.human(policy.canarySoak())
                + (policy.awaitPromotion() ? " then awaiting promotion" : "") + ", deadline "
                + Durations.human(policy.hostDeadline()) + " per host";
    }
}
