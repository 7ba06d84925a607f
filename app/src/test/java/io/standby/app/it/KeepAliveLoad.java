package io.standby.app.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keep-alive HTTP load through the proxy, on raw sockets so that nothing retries behind our back: every
 * failure is seen and classified. A connection the proxy closes while it sits idle between two requests
 * (nginx does so to idle keep-alive clients at a graceful reload) is counted apart from real failures.
 */
public final class KeepAliveLoad implements AutoCloseable {

    /** Each request held 10 ms by the app: requests are in flight at every switch and drain, and the load leaves CPU for the agent. */
    public static final String PACED = "/slow?ms=10";

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LONGEST_RUN = Duration.ofMinutes(5);

    private final int port;
    private final String path;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong idleResets = new AtomicLong();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicLong> bodies = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private final Instant deadline = Instant.now().plus(LONGEST_RUN);

    public KeepAliveLoad(int port, String path, int connections) {
        this.port = port;
        this.path = path;
        for (int i = 0; i < connections; i++) {
            Thread worker = new Thread(this::work, "load-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    private void work() {
        while (running.get() && Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                int onThisConnection = 0;
                while (running.get() && Instant.now().isBefore(deadline)) {
                    out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Response response = Response.read(in);
                    if (response == null) {
                        // Closed before a single byte of the answer: the proxy dropped an idle keep-alive connection.
                        if (onThisConnection > 0) {
                            idleResets.incrementAndGet();
                        } else {
                            failures.add("connection closed before any answer on a fresh connection");
                        }
                        break;
                    }
                    onThisConnection++;
                    if (response.status() >= 500 || response.status() < 200) {
                        failures.add("status " + response.status() + ": " + response.body().strip());
                    } else {
                        ok.incrementAndGet();
                        bodies.computeIfAbsent(response.body().strip(), b -> new AtomicLong()).incrementAndGet();
                    }
                    if (response.closes()) {
                        break;
                    }
                }
            } catch (ConnectException e) {
                failures.add("connection refused: " + e.getMessage());
            } catch (SocketTimeoutException e) {
                failures.add("timeout after " + READ_TIMEOUT.toSeconds() + "s");
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("reset") || String.valueOf(e.getMessage()).contains("Broken pipe")) {
                    idleResets.incrementAndGet();
                } else {
                    failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }
    }

    public long succeeded() {
        return ok.get();
    }

    /** Stops the load and reports. */
    public Report stop() {
        running.set(false);
        for (Thread worker : workers) {
            try {
                worker.join(READ_TIMEOUT.toMillis() + 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, Long> seen = new java.util.TreeMap<>();
        bodies.forEach((body, count) -> seen.put(body, count.get()));
        return new Report(ok.get(), List.copyOf(failures), idleResets.get(), seen);
    }

    @Override
    public void close() {
        stop();
    }

    /** What the load saw: answers, real failures, idle-connection resets, and which bodies came back how often. */
    public record Report(long ok, List<String> failures, long idleResets, Map<String, Long> bodies) {
        @Override
        public String toString() {
            return ok + " ok, " + failures.size() + " failed, " + idleResets + " idle keep-alive resets; bodies " + bodies
                    + (failures.isEmpty() ? "" : "; first failures " + failures.subList(0, Math.min(5, failures.size())));
        }
    }

    /** Just enough HTTP/1.1 to read one response with a Content-Length or chunked body. */
    public record Response(int status, String body, boolean closes) {
        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (statusLine == null) {
                return null;
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            int length = -1;
            boolean chunked = false;
            boolean closes = false;
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closes = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
                line(in);
            } else if (length >= 0) {
                body.write(in.readNBytes(length));
            } else {
                // Neither length nor chunks: the body ends when the server closes the connection.
                body.write(in.readAllBytes());
                closes = true;
            }
            return new Response(status, body.toString(StandardCharsets.UTF_8), closes);
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    return line.toString().replace("\r", "");
                }
                line.append((char) c);
            }
            return line.length() == 0 ? null : line.toString();
        }
    }
}
