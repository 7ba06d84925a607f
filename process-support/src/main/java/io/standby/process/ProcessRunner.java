package io.standby.process;

import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Runs a {@link Command} to completion with Commons Exec and reports how it ended; never throws for a failing program. */
public final class ProcessRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    // EasySwoole's CLI and composer colour their output; operators read it in logs and status.
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*[ -/]*[@-~]");

    private final Set<String> withheld;

    /** A runner whose programs inherit the agent's whole environment. */
    public ProcessRunner() {
        this(Set.of());
    }

    /**
     * A runner whose programs do not see these environment variables: secrets the agent needs for itself, such
     * as the repository's token, which composer and the service would otherwise inherit and could print.
     */
    public ProcessRunner(Set<String> withheld) {
        this.withheld = Set.copyOf(withheld);
    }

    public Completion run(Command command) {
        CommandLine line = new CommandLine(command.arguments().get(0));
        // Quoting off: each argument reaches the program exactly as given.
        command.arguments().stream().skip(1).forEach(arg -> line.addArgument(arg, false));

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        // Kept apart as well: interleaved with stderr, a line of stdout can be split by a stderr line mid-way.
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(command.timeout()).get();
        DefaultExecutor executor = DefaultExecutor.builder().setWorkingDirectory(command.directory().toFile()).get();
        executor.setWatchdog(watchdog);
        executor.setExitValues(null);

        try (OutputStream log = openLog(command)) {
            OutputStream sink = log == null ? captured : new TeeStream(captured, log);
            executor.setStreamHandler(new OutputPumps(new TeeStream(sink, stdout), sink));
            LOG.debug("running {} in {}", command.display(), command.directory());
            int exit = executor.execute(line, environment(command));
            String output = ANSI.matcher(captured.toString(StandardCharsets.UTF_8)).replaceAll("");
            String standardOutput = ANSI.matcher(stdout.toString(StandardCharsets.UTF_8)).replaceAll("");
            return new Completion(watchdog.killedProcess() ? -1 : exit, output, standardOutput, watchdog.killedProcess());
        } catch (ExecuteException e) {
            return new Completion(-1, captured.toString(StandardCharsets.UTF_8) + e.getMessage(), watchdog.killedProcess());
        } catch (IOException e) {
            return new Completion(-1, "could not run " + command.display() + ": " + e.getMessage(), false);
        }
    }

    private Map<String, String> environment(Command command) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeAll(withheld);
        env.putAll(command.environment());
        return env;
    }

    private static OutputStream openLog(Command command) throws IOException {
        if (command.log().isEmpty()) {
            return null;
        }
        var file = command.log().get();
        Files.createDirectories(file.toAbsolutePath().getParent());
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        out.write(("$ " + command.display() + "\n").getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /** Copies what a program prints both to memory and to its log file. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
