package io.standby.app.it;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

/**
 * GitHub's push event to master, as its "Webhook events and payloads" shows it, signed as "Validating webhook
 * deliveries" says, sent to an agent's listener.
 */
public final class GitHubPush {

    private GitHubPush() {
    }

    /** POSTs the push of {@code sha} to /hooks/github on 127.0.0.1:{@code port}, signed with {@code secret}. */
    public static HttpResponse<String> send(int port, String sha, String secret) throws IOException, InterruptedException {
        byte[] body = ("{\"ref\":\"refs/heads/master\",\"before\":\"" + "0".repeat(40) + "\",\"after\":\"" + sha + "\","
                + "\"repository\":{\"full_name\":\"example/sample\"},\"pusher\":{\"name\":\"dev\"},"
                + "\"head_commit\":{\"id\":\"" + sha + "\",\"message\":\"a release\"}}").getBytes(StandardCharsets.UTF_8);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/github"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/044aadd")
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", "sha256=" + signature(body, secret))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String signature(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
