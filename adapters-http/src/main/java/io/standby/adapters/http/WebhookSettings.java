package io.standby.adapters.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Which forge's push hook to accept, the secret it signs with, and the branch whose pushes wake the poller. The app's
 * configuration gives every value its default and checks it, and reads the secret from the variable it names.
 *
 * @param forge        the forge that sends the hook
 * @param secret       the hook's secret (Gitee: its password or signing key); never printed
 * @param branch       the branch Standby follows, as in the repository settings, e.g. {@code main}
 * @param maxClockSkew how far a Gitee signature's timestamp may be from the agent's clock
 */
public record WebhookSettings(Forge forge, String secret, String branch, Duration maxClockSkew) {

    public WebhookSettings {
        Objects.requireNonNull(forge, "forge");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    }

    /** The ref a push to the followed branch names. */
    String followedRef() {
        return "refs/heads/" + branch;
    }

    @Override
    public String toString() {
        return "WebhookSettings[forge=" + forge.configName() + ", secret=(redacted), branch=" + branch
                + ", maxClockSkew=" + maxClockSkew + "]";
    }
}
