package io.standby.adapters.zookeeper;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.standby.domain.fleet.BadCommit;
import io.standby.domain.fleet.CanarySize;
import io.standby.domain.fleet.CommitId;
import io.standby.domain.fleet.Desired;
import io.standby.domain.fleet.FleetCommand;
import io.standby.domain.fleet.HostName;
import io.standby.domain.fleet.HostReport;
import io.standby.domain.fleet.HostState;
import io.standby.domain.fleet.Phase;
import io.standby.domain.fleet.Rollout;
import io.standby.domain.fleet.RolloutId;
import io.standby.domain.fleet.RolloutPolicy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON the fleet's nodes hold: a public format (agents of different versions share it), so it is designed here as
 * its own records with a format number, never the domain's types serialised by reflection. Times are ISO-8601.
 */
final class FleetDocuments {

    static final int FORMAT = 1;

    private final ObjectMapper json = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    record RolloutDoc(int format, String id, String commit, String previous, int batchSize, Integer canaryHosts,
                      Integer canaryPercent, String canarySoak, boolean awaitPromotion, String hostDeadline,
                      List<String> canary, String phase, String phaseSince, String reason, boolean paused,
                      boolean promoted, String startedAt) {
    }

    record DesiredDoc(int format, String rollout, String commit, String since) {
    }

    record ReportDoc(int format, String host, String rollout, String wanted, String serving, String slot, String state,
                     String detail, String at) {
    }

    record CommandDoc(int format, String command, String rollout, String reason) {
    }

    record BadDoc(int format, String commit, String reason, String at) {
    }

    record MemberDoc(int format, String host, String since) {
    }

    byte[] rollout(Rollout r) {
        RolloutPolicy p = r.policy();
        Integer hosts = p.canary() instanceof CanarySize.Hosts h ? h.count() : null;
        Integer percent = p.canary() instanceof CanarySize.Percent c ? c.percent() : null;
        return write(new RolloutDoc(FORMAT, r.id().value(), r.commit().sha(), r.previous().map(CommitId::sha).orElse(null),
                p.batchSize(), hosts, percent, p.canarySoak().toString(), p.awaitPromotion(), p.hostDeadline().toString(),
                r.canary().stream().map(HostName::value).toList(), r.phase().key(), r.phase().time().map(Instant::toString).orElse(null),
                r.phase().abortReason().orElse(null), r.paused(), r.promoted(), r.startedAt().toString()));
    }

    Rollout rollout(byte[] bytes) {
        RolloutDoc d = read(bytes, RolloutDoc.class);
        CanarySize canary = d.canaryHosts() != null ? new CanarySize.Hosts(d.canaryHosts()) : new CanarySize.Percent(d.canaryPercent());
        RolloutPolicy policy = new RolloutPolicy(d.batchSize(), canary, Duration.parse(d.canarySoak()), d.awaitPromotion(),
                Duration.parse(d.hostDeadline()));
        return new Rollout(new RolloutId(d.id()), new CommitId(d.commit()), Optional.ofNullable(d.previous()).map(CommitId::new),
                policy, d.canary().stream().map(HostName::new).toList(), phase(d), d.paused(), d.promoted(),
                Instant.parse(d.startedAt()));
    }

    private static Phase phase(RolloutDoc d) {
        Instant at = d.phaseSince() == null ? null : Instant.parse(d.phaseSince());
        switch (d.phase()) {
            case Phase.Canary.KEY:
                return new Phase.Canary();
            case Phase.CanarySoak.KEY:
                return new Phase.CanarySoak(at);
            case Phase.AwaitingPromotion.KEY:
                return new Phase.AwaitingPromotion(at);
            case Phase.Rolling.KEY:
                return new Phase.Rolling(at);
            case Phase.Done.KEY:
                return new Phase.Done(at);
            case Phase.Aborting.KEY:
                return new Phase.Aborting(d.reason(), at);
            case Phase.Aborted.KEY:
                return new Phase.Aborted(d.reason(), at);
            default:
                throw new IllegalArgumentException("unknown rollout phase '" + d.phase() + "'");
        }
    }

    byte[] desired(Desired d) {
        return write(new DesiredDoc(FORMAT, d.rollout().value(), d.commit().sha(), d.since().toString()));
    }

    Desired desired(byte[] bytes) {
        DesiredDoc d = read(bytes, DesiredDoc.class);
        return new Desired(new RolloutId(d.rollout()), new CommitId(d.commit()), Instant.parse(d.since()));
    }

    byte[] report(HostReport r) {
        return write(new ReportDoc(FORMAT, r.host().value(), r.rollout().map(RolloutId::value).orElse(null),
                r.wanted().map(CommitId::sha).orElse(null), r.serving().map(CommitId::sha).orElse(null), r.slot().orElse(null),
                r.state().name().toLowerCase(Locale.ROOT), r.detail(), r.at().toString()));
    }

    HostReport report(byte[] bytes) {
        ReportDoc d = read(bytes, ReportDoc.class);
        return new HostReport(new HostName(d.host()), Optional.ofNullable(d.rollout()).map(RolloutId::new),
                Optional.ofNullable(d.wanted()).map(CommitId::new), Optional.ofNullable(d.serving()).map(CommitId::new),
                Optional.ofNullable(d.slot()), HostState.valueOf(d.state().toUpperCase(Locale.ROOT)), d.detail(),
                Instant.parse(d.at()));
    }

    byte[] command(FleetCommand c) {
        String reason = c instanceof FleetCommand.Abort abort ? abort.reason() : null;
        return write(new CommandDoc(FORMAT, c.key(), c.rollout().value(), reason));
    }

    FleetCommand command(byte[] bytes) {
        CommandDoc d = read(bytes, CommandDoc.class);
        RolloutId rollout = new RolloutId(d.rollout());
        switch (d.command()) {
            case FleetCommand.Promote.KEY:
                return new FleetCommand.Promote(rollout);
            case FleetCommand.Pause.KEY:
                return new FleetCommand.Pause(rollout);
            case FleetCommand.Resume.KEY:
                return new FleetCommand.Resume(rollout);
            case FleetCommand.Abort.KEY:
                return new FleetCommand.Abort(rollout, d.reason() == null ? "" : d.reason());
            default:
                throw new IllegalArgumentException("unknown fleet command '" + d.command() + "'");
        }
    }

    byte[] bad(BadCommit b) {
        return write(new BadDoc(FORMAT, b.commit().sha(), b.reason(), b.at().toString()));
    }

    BadCommit bad(byte[] bytes) {
        BadDoc d = read(bytes, BadDoc.class);
        return new BadCommit(new CommitId(d.commit()), d.reason(), Instant.parse(d.at()));
    }

    byte[] member(HostName host, Instant since) {
        return write(new MemberDoc(FORMAT, host.value(), since.toString()));
    }

    private byte[] write(Object document) {
        try {
            return json.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + document.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T read(byte[] bytes, Class<T> type) {
        try {
            return json.readValue(bytes, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a fleet node holds what is not a " + type.getSimpleName() + ": "
                    + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }
}
