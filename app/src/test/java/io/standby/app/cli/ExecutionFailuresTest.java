package io.standby.app.cli;

import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import io.standby.app.config.ConfigException;
import io.standby.app.state.AgentLock;
import io.standby.domain.fleet.CoordinationUnavailableException;
import io.standby.domain.port.in.RequestRefusedException;
import io.standby.domain.port.out.ProxyUnavailableException;
import io.standby.domain.port.out.SourceUnavailableException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutionFailuresTest {

    private final StringWriter err = new StringWriter();

    @Test
    void onlyTheUsersMistakesAreBadInput() {
        assertThat(report(new ConfigException("slots.blue and slots.green are both 9501"))).isEqualTo(2);
        assertThat(report(new RequestRefusedException("nothing is live yet"))).isEqualTo(2);
        assertThat(err.toString()).contains("standby: slots.blue and slots.green are both 9501")
                .contains("standby: nothing is live yet");
    }

    @Test
    void anIllegalArgumentFromInsideStandbyIsABugNotBadInput() {
        int exit = report(new IllegalArgumentException("blue:9501 is not one of [blue:9503, green:9504]"));

        assertThat(exit).isEqualTo(ExitCodes.BUG).isNotEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("a bug in Standby", "IllegalArgumentException", "blue:9501 is not one of")
                .contains("agent's log");
    }

    @Test
    void anyOtherUnexpectedFailureIsABugToo() {
        assertThat(report(new NullPointerException("release"))).isEqualTo(ExitCodes.BUG);
        assertThat(report(new UnsupportedOperationException())).isEqualTo(ExitCodes.BUG);
    }

    @Test
    void anIllegalStateFromInsideStandbyIsABugNotABrokenEnvironment() {
        int exit = report(new IllegalStateException("no step leads on from Live[plan=..., release=...]"));

        assertThat(exit).isEqualTo(ExitCodes.BUG).isNotEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).contains("a bug in Standby", "IllegalStateException", "no step leads on from");
    }

    @Test
    void aBrokenEnvironmentAndABusyLockKeepTheirCodes() {
        assertThat(report(new SourceUnavailableException("cannot reach the git repository"))).isEqualTo(4);
        assertThat(report(new CoordinationUnavailableException("cannot read the fleet: ConnectionLoss"))).isEqualTo(4);
        assertThat(report(new UncheckedIOException("disk full", new IOException("No space left on device")))).isEqualTo(4);
        assertThat(report(new ProxyUnavailableException("nginx is not running (no pid file at /run/nginx.pid)"))).isEqualTo(4);
        assertThat(report(new AgentLock.LockHeldException("another Standby agent is already working"))).isEqualTo(3);
        assertThat(err.toString()).contains("standby: nginx is not running (no pid file at /run/nginx.pid)")
                .doesNotContain("bug");
    }

    @Test
    void whatGuiceWrapsIsJudgedByItsCause() {
        ProvisionException wrappedMistake = new ProvisionException(List.of(
                new Message(List.of(), "provider failed", new ConfigException("repository.secret-env names the variable X"))));
        ProvisionException wrappedBug = new ProvisionException(List.of(
                new Message(List.of(), "provider failed", new IllegalArgumentException("not FLAG mode"))));

        assertThat(report(wrappedMistake)).isEqualTo(2);
        assertThat(report(wrappedBug)).isEqualTo(ExitCodes.BUG);
        assertThat(err.toString()).contains("standby: repository.secret-env names the variable X");
    }

    private int report(Throwable failure) {
        return ExecutionFailures.report(failure, new PrintWriter(err, true));
    }
}
