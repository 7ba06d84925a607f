package io.standby.app.wiring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.List;

/**
 * The agent's log: the operator's timeline on stderr, one line per event; stdout is kept for what commands print
 * (status, JSON). Set up in code, found by logback as a service, rather than read from a logback.xml: parsing XML
 * loaded some 500 classes (the JDK's XML parser, logback's Joran) that every command, {@code status} included, paid
 * for on each start and the agent kept in memory. {@code STANDBY_LOG_LEVEL} sets the level (default INFO); an
 * operator's own file given with {@code -Dlogback.configurationFile} still replaces all of this.
 */
public final class OperatorLog extends ContextAwareBase implements Configurator {

    // The libraries' own chatter at INFO (ZooKeeper logs every connection attempt); Standby's lines say what matters.
    private static final List<String> QUIET = List.of("org.eclipse.jgit", "org.apache.sshd", "org.apache.zookeeper",
            "org.apache.curator");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty("STANDBY_LOG_LEVEL", System.getenv("STANDBY_LOG_LEVEL")), Level.INFO));
        root.addAppender(stderr);
        QUIET.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
