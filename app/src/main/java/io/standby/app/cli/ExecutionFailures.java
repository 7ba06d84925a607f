package io.standby.app.cli;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import io.standby.app.config.ConfigException;
import io.standby.app.state.AgentLock;
import io.standby.app.state.NewerJournalException;
import io.standby.domain.fleet.CoordinationUnavailableException;
import io.standby.domain.port.in.RequestRefusedException;
import io.standby.domain.port.out.ProxyUnavailableException;
import io.standby.domain.port.out.SourceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Collection;

/**
 * Turns what stopped a command into one line for the operator and an exit code. Only the types that name a user's
 * mistake, a busy lock or a broken environment are expected; anything else is a bug in Standby and said to be one.
 */
final class ExecutionFailures {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionFailures.class);

    private ExecutionFailures() {
    }

    /** Says what went wrong on {@code err} and returns the exit code for it. */
    static int report(Throwable failure, PrintWriter err) {
        Throwable cause = unwrap(failure);
        int code = exitCodeFor(cause);
        if (code == ExitCodes.BUG) {
            // The stack trace goes to the log, where a bug report can quote it; the operator gets one line.
            LOG.error("unexpected failure", cause);
            err.println("standby: a bug in Standby stopped this command (" + cause.getClass().getName() + ": "
                    + cause.getMessage() + "); nothing says the configuration or the request is wrong. The stack"
                    + " trace is in the agent's log on stderr (under systemd: journalctl); please report it with that trace");
        } else {
            err.println("standby: " + cause.getMessage());
        }
        err.flush();
        return code;
    }

    static int exitCodeFor(Throwable cause) {
        if (cause instanceof ConfigException || cause instanceof RequestRefusedException) {
            return ExitCodes.BAD_INPUT;
        }
        if (cause instanceof AgentLock.LockHeldException) {
            return ExitCodes.BUSY;
        }
        // What the adapters and the journal throw when the world is not as it must be: an unreachable repository,
        // a full or read-only disk, a proxy that cannot be read or changed, a journal a newer Standby wrote, a fleet's
        // ensemble out of reach. A bare IllegalStateException is not among them: it is code finding itself where it
        // should never be, a bug.
        if (cause instanceof SourceUnavailableException || cause instanceof ProxyUnavailableException
                || cause instanceof CoordinationUnavailableException
                || cause instanceof UncheckedIOException || cause instanceof IOException
                || cause instanceof NewerJournalException) {
            return ExitCodes.ENVIRONMENT;
        }
        return ExitCodes.BUG;
    }

    /** Guice wraps what a module or provider threw; the operator needs the original. */
    private static Throwable unwrap(Throwable e) {
        if (e instanceof CreationException creation) {
            return firstCause(creation.getErrorMessages()).map(ExecutionFailures::unwrap).orElse(e);
        }
        if (e instanceof ProvisionException provision) {
            return firstCause(provision.getErrorMessages()).map(ExecutionFailures::unwrap).orElse(e);
        }
        return e;
    }

    private static java.util.Optional<Throwable> firstCause(Collection<Message> messages) {
        return messages.stream().findFirst().map(Message::getCause);
    }
}
