package io.standby.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for one slot's instance behind a proxy, on 127.0.0.1: every answer is its own port, so a test sees which
 * slot the proxy chose; {@code /slow} holds its request until the test releases it, to keep a request in flight.
 */
public final class Backend implements AutoCloseable {

    static {
        // The JDK server writes headers and body apart; with Nagle on, each keep-alive answer waits for a delayed ACK (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger slowInFlight = new AtomicInteger();

    private Backend(HttpServer server) {
        this.server = server;
    }

    /** Listens on a port of 127.0.0.1 the kernel picks. */
    public static Backend start() {
        try {
            Backend backend = new Backend(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64));
            backend.server.createContext("/", backend::answer);
            backend.server.createContext("/slow", backend::answerLater);
            backend.server.setExecutor(backend.threads);
            backend.server.start();
            return backend;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests {@code /slow} is holding right now. */
    public int slowRequestsInFlight() {
        return slowInFlight.get();
    }

    public void releaseSlowRequests() {
        release.countDown();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = Integer.toString(port()).getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void answerLater(HttpExchange exchange) throws IOException {
        slowInFlight.incrementAndGet();
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                exchange.sendResponseHeaders(504, -1);
                exchange.close();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            slowInFlight.decrementAndGet();
        }
        answer(exchange);
    }
}
