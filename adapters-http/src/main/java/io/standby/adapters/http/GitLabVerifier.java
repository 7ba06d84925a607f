package io.standby.adapters.http;

import java.util.Optional;

/**
 * GitLab signs nothing: it sends the webhook's secret token itself in {@code X-Gitlab-Token} ("Validate payloads by
 * using a secret token" in GitLab's webhook documentation), so the hook should only ever travel over HTTPS.
 */
final class GitLabVerifier implements PushVerifier {

    static final String HEADER = "X-Gitlab-Token";

    private final Secret secret;

    GitLabVerifier(Secret secret) {
        this.secret = secret;
    }

    @Override
    public Optional<String> refusal(Delivery delivery) {
        Optional<String> given = delivery.header(HEADER);
        if (given.isEmpty()) {
            return Optional.of("no " + HEADER + " header: set the webhook's secret token in GitLab");
        }
        if (!secret.isSpelledBy(given.get())) {
            return Optional.of(HEADER + " is not the secret: check that both sides have the same secret");
        }
        return Optional.empty();
    }
}
