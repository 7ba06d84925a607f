package io.standby.adapters.easyswoole;

import io.standby.domain.model.Durations;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.port.out.HealthProbe;
import io.standby.os.Poll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** Asks the service's health endpoint over HTTP, on the instance's own port or through the proxy. */
final class HttpHealthProbe implements HealthProbe {

    private static final Logger LOG = LoggerFactory.getLogger(HttpHealthProbe.class);
    private static final int PROXY_ATTEMPTS = 3;
    private static final Duration PROXY_INTERVAL = Duration.ofMillis(200);
    private static final int BODY_SHOWN = 80;

    private final HealthSettings settings;
    private final HttpClient client;
    private final Poll poll;

    HttpHealthProbe(HealthSettings settings, Poll poll) {
        this.settings = settings;
        this.poll = poll;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(neverUsed())
                .sslParameters(new SSLParameters())
                .build();
    }

    /**
     * The probe speaks plain HTTP only (the configuration refuses an https proxy-url, and the instance is asked on
     * 127.0.0.1), yet a client built without a context of its own initialises the JDK's default one, which reads
     * the whole CA trust store: some 400 classes and a few MB the agent would keep for its lifetime. A context that
     * is never initialised costs neither; were it ever used, the request would fail rather than go out unverified.
     */
    private static SSLContext neverUsed() {
        try {
            return SSLContext.getInstance("TLS");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no TLS", e);
        }
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
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == settings.expectedStatus()) {
                return revisionProblem(response.body(), expected);
            }
            return Optional.of("answered " + response.statusCode() + " instead of " + settings.expectedStatus()
                    + " (body: '" + shown(response.body()) + "')");
        } catch (HttpConnectTimeoutException e) {
            return Optional.of("could not connect within " + Durations.human(settings.requestTimeout()));
        } catch (HttpTimeoutException e) {
            return Optional.of("got no answer within " + Durations.human(settings.requestTimeout()));
        } catch (ConnectException e) {
            return Optional.of("was refused: nothing listens on " + uri.getHost() + ":" + uri.getPort());
        } catch (IOException e) {
            return Optional.of("got no valid HTTP answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("was interrupted: Standby is shutting down");
        }
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
