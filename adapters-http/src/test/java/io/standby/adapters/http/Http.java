package io.standby.adapters.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A client on loopback, as a forge, a scraper or an operator's curl would call the listener. */
final class Http {

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final int port;

    Http(int port) {
        this.port = port;
    }

    HttpResponse<String> post(String path, Hook hook) throws IOException, InterruptedException {
        return send(request(path, hook).POST(HttpRequest.BodyPublishers.ofByteArray(hook.body())).build());
    }

    /** Without a Content-Length, so the body comes in chunks and only reading it tells its size. */
    HttpResponse<String> postChunked(String path, Hook hook) throws IOException, InterruptedException {
        return send(request(path, hook)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(hook.body())))
                .build());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    HttpResponse<byte[]> getBytes(String path, String accept) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).header("Accept", accept)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpRequest.Builder request(String path, Hook hook) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        hook.headers().forEach(request::header);
        return request;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
