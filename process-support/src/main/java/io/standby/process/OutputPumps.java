package io.standby.process;

import io.standby.os.Deadline;
import org.apache.commons.exec.ExecuteStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Copies a program's stdout and stderr while it runs. Unlike Commons Exec's PumpStreamHandler it does not wait for
 * the pipes to close once the program has exited: a daemon it forked may hold them open for as long as it lives
 * (a Swoole server keeps a dup of the CLI's stdout and stderr), and `server start -d` must return when the CLI
 * does. What the program wrote before it exited is already in the pipe then, and is all there is to read.
 *
 * <p>So the pumps never block in a read: a read that blocks on such a pipe could only be abandoned after a blind
 * wait. They read what the pipe holds ({@code available()}, the kernel's count) and look again a moment later; once
 * the program has exited, an empty pipe means everything it wrote has been copied.
 */
final class OutputPumps implements ExecuteStreamHandler {

    // A bound on copying what the program left in its pipes, should the sinks be slow.
    private static final Duration GRACE = Duration.ofMillis(500);
    // How soon output shows while the program runs, and how soon after its exit the pumps see that it is all read.
    private static final Duration LOOK_AGAIN = Duration.ofMillis(5);

    private final OutputStream out;
    private final OutputStream err;
    private final List<Thread> pumps = new ArrayList<>();
    private volatile boolean exited;

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

    /** Called once the program has exited: waits for the pumps to copy what is left in the pipes. */
    @Override
    public void stop() {
        exited = true;
        Deadline deadline = Deadline.after(GRACE);
        for (Thread pump : pumps) {
            LockSupport.unpark(pump);
            try {
                pump.join(Math.max(1, deadline.remaining().toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Thread pump(InputStream from, OutputStream to, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                while (true) {
                    // Read before the count: an empty pipe seen after the exit is the end of what the program wrote.
                    boolean after = exited;
                    int ready = from.available();
                    if (ready > 0) {
                        int read = from.read(buffer, 0, Math.min(ready, buffer.length));
                        if (read < 0) {
                            return;
                        }
                        synchronized (to) {
                            to.write(buffer, 0, read);
                        }
                    } else if (after) {
                        return;
                    } else {
                        LockSupport.parkNanos(LOOK_AGAIN.toNanos());
                    }
                }
            } catch (IOException closed) {
                // The pipe was closed under us: what the program itself wrote has been read.
            }
        }, "process-" + name);
        thread.setDaemon(true);
        return thread;
    }
}
