package io.standby.adapters.http;

import io.standby.domain.port.out.Clock;

import java.util.Optional;

/** Whether a delivery comes from the forge that holds the secret. Runs before a byte of the body is parsed. */
interface PushVerifier {

    /** Empty if the delivery is signed with the secret; otherwise why not, short enough for the 401's body. */
    Optional<String> refusal(Delivery delivery);

    /** The verifier the forge's documentation describes. */
    static PushVerifier of(Forge forge, Secret secret, WebhookSettings settings, Clock clock) {
        return switch (forge) {
            case GITHUB -> BodySignatureVerifier.gitHub(secret);
            case GITLAB -> new GitLabVerifier(secret);
            case GITEA -> BodySignatureVerifier.gitea(secret);
            case GITEE -> new GiteeVerifier(secret, clock, settings.maxClockSkew());
        };
    }
}
