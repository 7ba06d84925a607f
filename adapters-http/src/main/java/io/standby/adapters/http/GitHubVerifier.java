package io.standby.adapters.http;

import java.util.Locale;
import java.util.Optional;

/**
 * GitHub signs the raw body: {@code X-Hub-Signature-256: sha256=} and the hex HMAC-SHA256 of the body under the
 * webhook's secret ("Validating webhook deliveries" in GitHub's documentation). The older SHA-1 header is ignored.
 */
final class GitHubVerifier implements PushVerifier {

    static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";

    private final Secret secret;

    GitHubVerifier(Secret secret) {
        this.secret = secret;
    }

    @Override
    public Optional<String> refusal(Delivery delivery) {
        Optional<String> given = delivery.header(HEADER);
        if (given.isEmpty()) {
            return Optional.of("no " + HEADER + " header: set the webhook's secret in GitHub");
        }
        String expected = PREFIX + secret.signHex(delivery.body());
        if (!Secret.same(expected, given.get().strip().toLowerCase(Locale.ROOT))) {
            return Optional.of(HEADER + " does not match the body: check that both sides have the same secret");
        }
        return Optional.empty();
    }
}
