package io.standby.adapters.http;

import java.util.Locale;
import java.util.Optional;

/**
 * GitHub and Gitea sign the raw body the same way: the hex HMAC-SHA256 of the body under the webhook's secret, each in
 * a header of its own. GitHub sends {@code X-Hub-Signature-256: sha256=} and the hex ("Validating webhook deliveries"
 * in GitHub's documentation; the older SHA-1 header is ignored); Gitea sends the bare hex in {@code X-Gitea-Signature},
 * and Forgejo the same value in that header too.
 *
 * @param forge  the forge's name, for the refusal that says where to set the secret
 * @param prefix what the forge writes before the hex digest
 */
record BodySignatureVerifier(String forge, String header, String prefix, Secret secret) implements PushVerifier {

    static BodySignatureVerifier gitHub(Secret secret) {
        return new BodySignatureVerifier("GitHub", "X-Hub-Signature-256", "sha256=", secret);
    }

    static BodySignatureVerifier gitea(Secret secret) {
        return new BodySignatureVerifier("Gitea", "X-Gitea-Signature", "", secret);
    }

    @Override
    public Optional<String> refusal(Delivery delivery) {
        Optional<String> given = delivery.header(header);
        if (given.isEmpty()) {
            return Optional.of("no " + header + " header: set the webhook's secret in " + forge);
        }
        String expected = prefix + secret.signHex(delivery.body());
        if (!Secret.same(expected, given.get().strip().toLowerCase(Locale.ROOT))) {
            return Optional.of(header + " does not match the body: check that both sides have the same secret");
        }
        return Optional.empty();
    }
}
