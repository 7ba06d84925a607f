package io.standby.adapters.http;

import java.util.Locale;
import java.util.Optional;

/**
 * Gitea signs the raw body: {@code X-Gitea-Signature} is the bare hex HMAC-SHA256 of the body under the webhook's
 * secret. Forgejo sends the same value in this header too.
 */
final class GiteaVerifier implements PushVerifier {

    static final String HEADER = "X-Gitea-Signature";

    private final Secret secret;

    GiteaVerifier(Secret secret) {
        this.secret = secret;
    }

    @Override
    public Optional<String> refusal(Delivery delivery) {
        Optional<String> given = delivery.header(HEADER);
        if (given.isEmpty()) {
            return Optional.of("no " + HEADER + " header: set the webhook's secret in Gitea");
        }
        if (!Secret.same(secret.signHex(delivery.body()), given.get().strip().toLowerCase(Locale.ROOT))) {
            return Optional.of(HEADER + " does not match the body: check that both sides have the same secret");
        }
        return Optional.empty();
    }
}
