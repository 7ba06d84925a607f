import io.standby.os.ProcFs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The `starting` stage's question "does anything listen on the slot's port?", asked as the agent asks it, at a given
 * number of TIME_WAIT sockets: before issue 14, by reading and splitting every line of /proc/net/tcp and tcp6
 * (ProcFs.tcpSockets(), as listens() did then), and now (ProcFs.listens(), which reads the listeners at the head of
 * each table only). Run with the agent's jar on the class path, by bench/lib/ports.py, inside a network namespace of
 * its own: the tens of thousands of TIME_WAIT sockets it makes on loopback take no port from anyone else.
 *
 * <p>Arguments: the TIME_WAIT counts to measure at, in increasing order. Prints one JSON object per count.
 */
public class PortQuestions {

    private static final int REPEATS = 15;

    public static void main(String[] args) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ProcFs proc = ProcFs.system();
        try (ServerSocket slot = new ServerSocket(0, 50, loopback)) {
            int port = slot.getLocalPort();
            // Each listener takes one TIME_WAIT per client port: 28,000 of those in Linux's default range.
            List<ServerSocket> targets = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                targets.add(new ServerSocket(0, 50, loopback));
            }
            int made = 0;
            for (String arg : args) {
                int wanted = Integer.parseInt(arg);
                for (; made < wanted; made++) {
                    ServerSocket target = targets.get(made % targets.size());
                    try (Socket client = new Socket(loopback, target.getLocalPort()); Socket accepted = target.accept()) {
                        // The side that closes first keeps the TIME_WAIT: the client, as a proxy's upstream does.
                        client.close();
                    }
                }
                long lines = tableLines();
                double old = median(() -> proc.tcpSockets().stream().anyMatch(s -> s.listening() && s.localPort() == port));
                double now = median(() -> proc.listens(port));
                double holders = median(() -> !proc.listenersOn(port).isEmpty());
                System.out.printf(Locale.ROOT, "{\"time_wait\": %d, \"lines\": %d, \"whole_table_ms\": %.2f, "
                        + "\"listeners_only_ms\": %.2f, \"who_holds_ms\": %.2f}%n", made, lines, old, now, holders);
            }
            for (ServerSocket target : targets) {
                target.close();
            }
        }
    }

    /** Median milliseconds of one answer, after a few unmeasured ones; every answer must be yes. */
    private static double median(BooleanSupplier question) {
        for (int i = 0; i < 3; i++) {
            check(question.getAsBoolean());
        }
        double[] took = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long began = System.nanoTime();
            check(question.getAsBoolean());
            took[i] = (System.nanoTime() - began) / 1e6;
        }
        Arrays.sort(took);
        return took[REPEATS / 2];
    }

    private static void check(boolean listening) {
        if (!listening) {
            throw new IllegalStateException("the slot's port does not show as listened on");
        }
    }

    private static long tableLines() throws IOException {
        long lines = 0;
        for (String table : List.of("tcp", "tcp6")) {
            try (var stream = Files.lines(Path.of("/proc/net", table))) {
                lines += stream.count() - 1;
            }
        }
        return lines;
    }
}
