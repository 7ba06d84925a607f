package io.standby.adapters.nginx;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for one slot's service on 127.0.0.1: answers with its own port, so a test sees which slot
 * nginx used; {@code /slow} holds its answer until the test releases it, to keep a request in flight.
 */
final class Backend implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger slowInFlight = new AtomicInteger();

    private Backend(HttpServer server) {
        this.server = server;
    }

    static Backend start() throws IOException {
        Backend backend = new Backend(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64));
        backend.server.createContext("/", backend::answer);
        backend.server.createContext("/slow", backend::answerLater);
        backend.server.setExecutor(backend.threads);
        backend.server.start();
        return backend;
    }

    int port() {
        return server.getAddress().getPort();
    }

    int slowRequestsInFlight() {
        return slowInFlight.get();
    }

    void releaseSlowRequests() {
        release.countDown();
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

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
