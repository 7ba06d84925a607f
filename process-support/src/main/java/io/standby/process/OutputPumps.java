package io.standby.process;

import io.standby.os.Deadline;
import org.apache.commons.exec.ExecuteStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a program's stdout and stderr while it runs. Unlike Commons Exec's PumpStreamHandler it does not wait for
 * the pipes to close once the program has exited: a daemon it forked may hold them open for as long as it lives
 * (a Swoole server keeps a dup of the CLI's stdout and stderr), and `server start -d` must return when the CLI
 * does. What the program wrote before it exited is already in the pipe and is read within the grace.
 */
final class OutputPumps implements ExecuteStreamHandler {

    private static final Duration GRACE = Duration.ofMillis(500);

    private final OutputStream out;
    private final OutputStream err;
    private final List<Thread> pumps = new ArrayList<>();

    OutputPumps(OutputStream out, OutputStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void setProcessInputStream(OutputStream stdin) throws IOException {
        stdin.close();
    }

    @Override
    public void setProcessOutputStream(InputStream stdout) {
        pumps.add(pump(stdout, out, "stdout"));
    }

    @Override
    public void setProcessErrorStream(InputStream stderr) {
        pumps.add(pump(stderr, err, "stderr"));
    }

    @Override
    public void start() {
        pumps.forEach(Thread::start);
    }

    /** Called once the program has exited: waits for its pipes to drain, but no longer than the grace. */
    @Override
    public void stop() {
        Deadline deadline = Deadline.after(GRACE);
        for (Thread pump : pumps) {
            try {
                pump.join(Math.max(1, deadline.remaining().toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Thread pump(InputStream from, OutputStream to, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int read = from.read(buffer); read >= 0; read = from.read(buffer)) {
                    synchronized (to) {
                        to.write(buffer, 0, read);
                    }
                }
            } catch (IOException closed) {
                // The pipe was closed under us after the grace: what the program itself wrote has been read.
            }
        }, "process-" + name);
        thread.setDaemon(true);
        return thread;
    }
}
