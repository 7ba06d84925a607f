package io.standby.adapters.easyswoole;

import io.standby.domain.model.Durations;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.port.out.HealthProbe;
import io.standby.os.Deadline;
import io.standby.os.Poll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks the service's health endpoint over HTTP, on the instance's own port or through the proxy.
 *
 * <p>It speaks plain HTTP only (the configuration refuses an https proxy-url, and the instance is asked on
 * 127.0.0.1), one request per connection, so {@link HttpURLConnection} does all it needs. The JDK's newer
 * {@code java.net.http.HttpClient} cost the idle agent 4 MB of its 74 for its lifetime (a selector thread, its own
 * classes and TLS's; measured with the README's flags), for a GET every few seconds during a release.
 */
final class HttpHealthProbe implements HealthProbe {

    private static final Logger LOG = LoggerFactory.getLogger(HttpHealthProbe.class);
    private static final int PROXY_ATTEMPTS = 3;
    private static final Duration PROXY_INTERVAL = Duration.ofMillis(200);
    private static final int BODY_SHOWN = 80;
    // A health answer is a word and a commit id; more than this is not read, so a misrouted download cannot fill memory.
    private static final int BODY_READ = 64 * 1024;

    private final HealthSettings settings;
    private final Poll poll;

    HttpHealthProbe(HealthSettings settings, Poll poll) {
        this.settings = settings;
        this.poll = poll;
    }

    @Override
    public Outcome checkInstance(Slot slot, Revision expected) {
        URI uri = URI.create("http://127.0.0.1:" + slot.port() + settings.path());
        Optional<String> problem = probe(uri, expected, settings.attempts(), settings.interval());
        if (problem.isEmpty()) {
            LOG.info("slot {} is healthy: GET {} answered {}{}", slot, uri, settings.expectedStatus(), naming(expected));
            return Outcome.done();
        }
        return Outcome.failed("the instance in slot " + slot.name() + " is not healthy after " + settings.attempts()
                + " attempt(s) " + Durations.human(settings.interval()) + " apart: GET " + uri + " " + problem.get()
                + "; see the release's log, fix the application and commit");
    }

    @Override
    public Outcome checkThroughProxy(Revision expected) {
        URI uri = URI.create(settings.proxyUrl() + settings.path());
        Optional<String> problem = probe(uri, expected, PROXY_ATTEMPTS, PROXY_INTERVAL);
        if (problem.isEmpty()) {
            LOG.info("healthy through the proxy: GET {} answered {}{}", uri, settings.expectedStatus(), naming(expected));
            return Outcome.done();
        }
        return Outcome.failed("the service is not healthy through the proxy: GET " + uri + " " + problem.get()
                + "; check that the proxy runs and routes to the new slot");
    }

    /** Empty once the endpoint answers as expected; otherwise what the last attempt saw. */
    private Optional<String> probe(URI uri, Revision expected, int attempts, Duration interval) {
        String seen = "was never tried";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Optional<String> problem = once(uri, expected);
            if (problem.isEmpty()) {
                return problem;
            }
            seen = problem.get();
            LOG.debug("GET {} attempt {}/{}: {}", uri, attempt, attempts, seen);
            if (attempt < attempts) {
                poll.pause(interval);
            }
            if (Thread.currentThread().isInterrupted()) {
                return Optional.of(seen + " (stopped waiting: Standby is shutting down)");
            }
        }
        return Optional.of(seen);
    }

    private Optional<String> once(URI uri, Revision expected) {
        Duration timeout = settings.requestTimeout();
        Deadline deadline = Deadline.after(timeout);
        HttpURLConnection connection;
        try {
            // No proxy of the JVM's: the request goes to the instance or to Standby's own proxy, as configured.
            connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("cannot be asked (" + e.getMessage() + ")");
        }
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        // disconnect() alone does not close every connection: an answer without a body (204, Content-Length: 0) is
        // handed to the JDK's keep-alive cache before it returns, and a body left unread (cut at BODY_READ, or timed
        // out) goes to its cleaner thread, which then caches the connection; the next request would reuse it. Asking
        // the server to close makes it close its end, and the JDK then never caches the connection.
        connection.setRequestProperty("Connection", "close");
        // The JDK gives a socket the read timeout it knows when it connects, and each read waits that long at most:
        // a later setReadTimeout has no effect. So the whole answer is held to the deadline below, after each read.
        // When a connection closes unanswered (a Swoole worker crashing at start-up), the JDK also tries the GET once
        // more on a socket of its own: an attempt may wait up to about three times the timeout before it gives up,
        // and an answer later than the timeout counts as none.
        connection.setConnectTimeout(millis(timeout));
        connection.setReadTimeout(millis(timeout));
        try {
            try {
                connection.connect();
            } catch (SocketTimeoutException e) {
                return Optional.of("could not connect within " + Durations.human(timeout));
            }
            int status = connection.getResponseCode();
            if (deadline.expired()) {
                throw new SocketTimeoutException("answered after the deadline");
            }
            if (status < 0) {
                return Optional.of("got no valid HTTP answer (no HTTP status line)");
            }
            String body = body(connection, status, deadline);
            if (status == settings.expectedStatus()) {
                return revisionProblem(body, expected);
            }
            return Optional.of("answered " + status + " instead of " + settings.expectedStatus()
                    + " (body: '" + shown(body) + "')");
        } catch (SocketTimeoutException e) {
            return Optional.of("got no answer within " + Durations.human(timeout));
        } catch (ConnectException e) {
            return Optional.of("was refused: nothing listens on " + uri.getHost() + ":" + uri.getPort());
        } catch (IOException e) {
            return Optional.of("got no valid HTTP answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } finally {
            // Closes the socket rather than keeping it alive: the next attempt may be seconds away, or never come,
            // and an idle connection must not hold on to an instance that is about to be retired.
            connection.disconnect();
        }
    }

    /**
     * The body, or its first {@link #BODY_READ} bytes, read before the request's deadline. The stream is left open
     * for {@link HttpURLConnection#disconnect()}: closing it first would hand the connection to the JDK's keep-alive
     * cache, where disconnecting no longer reaches it.
     */
    private static String body(HttpURLConnection connection, int status, Deadline deadline) throws IOException {
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (in == null) {
            return "";
        }
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        for (int n; read.size() < BODY_READ && (n = in.read(chunk)) != -1; ) {
            read.write(chunk, 0, n);
            if (deadline.expired()) {
                throw new SocketTimeoutException("body not read in time");
            }
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private static int millis(Duration timeout) {
        // Zero would mean "wait forever" to HttpURLConnection.
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /**
     * With {@code require-revision}, the answer must name the commit: an instance of an older release (one that did
     * not stop, or answers on the port by mistake) would otherwise pass for the new one.
     */
    private Optional<String> revisionProblem(String body, Revision expected) {
        if (!settings.requireRevision() || body.contains(expected.sha())) {
            return Optional.empty();
        }
        return Optional.of("answered " + settings.expectedStatus() + " but its body '" + shown(body)
                + "' does not name the commit " + expected.sha() + " (health.require-revision): another release's"
                + " process may be answering; the health endpoint must answer with the release's REVISION file");
    }

    private String naming(Revision expected) {
        return settings.requireRevision() ? " naming " + expected.shortSha() : "";
    }

    private static String shown(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() <= BODY_SHOWN ? line : line.substring(0, BODY_SHOWN) + "...";
    }
}
