package io.standby.app.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What a proxy on loopback answers a GET, as one line a test can compare: the status and the body, or the failure.
 * A failure is an answer too, since the ITs watch for requests that fail while a release switches.
 */
public final class ProxyAnswer {

    private ProxyAnswer() {
    }

    /** "200 green", say, or "failed: " and why, for GET {@code path} on 127.0.0.1:{@code port}. */
    public static String get(int port, String path, Duration timeout) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body().strip();
        } catch (IOException e) {
            return "failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
