package io.standby.app.hostile;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.standby.app.it.Programs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare repository served over HTTP the "dumb" way (its files as they are) behind Basic authentication, by the
 * JDK's own server: JGit reads it like any private HTTP remote, so a test can give the agent a real token.
 * A post-update hook keeps the files dumb clients need ({@code info/refs}, {@code objects/info/packs}) current.
 */
final class DumbHttpGit implements AutoCloseable {

    private static final String PATH = "/app.git/";

    private final Path bare;
    private final String expected;
    private final HttpServer server;
    private final AtomicInteger authorized = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    DumbHttpGit(Path bare, String user, String secret) {
        this.bare = bare.toAbsolutePath().normalize();
        this.expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        try {
            Files.copy(bare.resolve("hooks/post-update.sample"), bare.resolve("hooks/post-update"), StandardCopyOption.REPLACE_EXISTING);
            bare.resolve("hooks/post-update").toFile().setExecutable(true);
            Programs.runOrFail(bare, Duration.ofSeconds(30), List.of("git", "update-server-info"));
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH.substring(0, PATH.length() - 1);
    }

    /** Requests that carried the right credentials. */
    int authorized() {
        return authorized.get();
    }

    /** Requests answered 401. */
    int refused() {
        return refused.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                refused.incrementAndGet();
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            authorized.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            Path file = path.startsWith(PATH) ? bare.resolve(path.substring(PATH.length())).normalize() : null;
            if (file == null || !file.startsWith(bare) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            // Plain text, not git's smart-protocol type: that is what tells JGit to read the files one by one.
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
