package io.standby.adapters.haproxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for one slot's instance on 127.0.0.1: every answer is its own port, so a test sees which slot HAProxy
 * chose. `/slow` holds its request until the test lets it go.
 */
final class SlotServer implements AutoCloseable {

    static {
        // The JDK server writes headers and body apart; with Nagle on, each answer waits for a delayed ACK (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();
    private final int port;

    private SlotServer(int port) throws IOException {
        this.port = port;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::answer);
        server.createContext("/slow", this::answerSlowly);
        server.setExecutor(executor);
        server.start();
    }

    static SlotServer start(int port) throws IOException {
        return new SlotServer(port);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** Requests `/slow` is holding right now. */
    int held() {
        return held.get();
    }

    void releaseSlowRequests() {
        release.countDown();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = Integer.toString(port).getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void answerSlowly(HttpExchange exchange) throws IOException {
        held.incrementAndGet();
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IOException("the test never released the slow request");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            held.decrementAndGet();
        }
        answer(exchange);
    }
}
