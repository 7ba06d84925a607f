package io.standby.adapters.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The agent's HTTP listener, off unless configured: {@code POST} on the forge's hook path, {@code GET /metrics} in
 * the format the scraper asks for (Prometheus text by default), {@code GET /status} with what {@code status --json}
 * prints. Any other path is 404, any other method 405. Paths match exactly; a query string is ignored.
 */
public final class Listener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Listener.class);
    // Enough for a scrape, a status and a hook at once; a client that trickles its body holds only one of them.
    private static final int THREADS = 4;

    private final ListenSettings settings;
    private final Optional<PushHook> hook;
    private final ReleaseMetrics metrics;
    private final Supplier<String> status;
    private final ExpositionFormats formats = ExpositionFormats.init();
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param hook    the forge's push hook, if one is configured
     * @param status  the JSON {@code status --json} prints, made afresh for each request
     */
    public Listener(ListenSettings settings, Optional<PushHook> hook, ReleaseMetrics metrics, Supplier<String> status) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hook = Objects.requireNonNull(hook, "hook");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.status = Objects.requireNonNull(status, "status");
    }

    /** Binds and starts answering; the port is taken before this returns. */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("the listener is already started");
        }
        HttpServer bound = HttpServer.create(new InetSocketAddress(settings.address(), settings.port()), 0);
        AtomicInteger count = new AtomicInteger();
        executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "standby-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        bound.setExecutor(executor);
        bound.createContext("/", this::handle);
        bound.start();
        server = bound;
        log.info("listening on http://{}:{}{}", settings.address(), port(),
                hook.map(h -> " (push hook at " + h.path() + ")").orElse(""));
    }

    /** The port listened on: the configured one, or the one taken for port 0. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the listener is not started");
        }
        return server.getAddress().getPort();
    }

    /** Stops at once: a forge retries an unanswered hook, and a scraper scrapes again. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = route(exchange);
            } catch (RuntimeException e) {
                log.warn("could not answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        e.toString());
                answer = Answer.text(500, "internal error: see the agent's log");
            }
            send(exchange, answer);
        }
    }

    private Answer route(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/metrics")) {
            return method.equals("GET") ? metrics(exchange) : Answer.methodNotAllowed("GET");
        }
        if (path.equals("/status")) {
            return method.equals("GET") ? status() : Answer.methodNotAllowed("GET");
        }
        if (hook.isPresent() && path.equals(hook.get().path())) {
            return method.equals("POST") ? push(hook.get(), exchange) : Answer.methodNotAllowed("POST");
        }
        return Answer.notFound();
    }

    private Answer push(PushHook hook, HttpExchange exchange) {
        Optional<byte[]> body = readBody(exchange);
        if (body.isEmpty()) {
            return Answer.tooLarge(settings.bodyLimit());
        }
        return hook.receive(new Delivery(exchange.getRequestHeaders(), body.get()),
                String.valueOf(exchange.getRemoteAddress().getAddress().getHostAddress()));
    }

    /** The body, or empty if it is longer than the limit: said so by Content-Length, or found while reading. */
    private Optional<byte[]> readBody(HttpExchange exchange) {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && declaredLength(declared) > settings.bodyLimit()) {
            return Optional.empty();
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(settings.bodyLimit() + 1);
            return body.length > settings.bodyLimit() ? Optional.empty() : Optional.of(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the request body could not be read", e);
        }
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            // The server itself refuses a malformed length before a handler runs; this is only the belt to its braces.
            return Long.MAX_VALUE;
        }
    }

    private Answer metrics(HttpExchange exchange) {
        List<String> accept = exchange.getRequestHeaders().get("Accept");
        ExpositionFormatWriter writer = formats.findWriter(accept == null ? null : String.join(",", accept));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, metrics.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Answer(200, writer.getContentType(), out.toByteArray(), Optional.empty());
    }

    private Answer status() {
        return new Answer(200, Answer.JSON, status.get().getBytes(StandardCharsets.UTF_8), Optional.empty());
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        answer.allow().ifPresent(allow -> exchange.getResponseHeaders().set("Allow", allow));
        if (answer.status() == 413) {
            // The rest of an oversized body is not worth reading: end the connection instead of keeping it alive.
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        if (answer.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }
}
