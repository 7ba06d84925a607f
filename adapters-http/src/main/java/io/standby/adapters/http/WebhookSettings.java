package io.standby.adapters.http;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which forge's push hook to accept, the variable holding its secret, and the branch whose pushes wake the poller.
 *
 * @param forge          the forge that sends the hook
 * @param secretVariable the environment variable holding the hook's secret (Gitee: its password or signing key);
 *                       the secret itself never appears in the configuration
 * @param branch         the branch Standby follows, as in the repository settings, e.g. {@code main}
 * @param maxClockSkew   how far a Gitee signature's timestamp may be from the agent's clock
 */
public record WebhookSettings(Forge forge, String secretVariable, String branch, Duration maxClockSkew) {

    /** Wide enough for clocks kept by NTP and a delivery's time in transit; narrow enough to make a replay stale. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    // Gitee itself refuses a signature more than an hour away from its own clock.
    private static final Duration LARGEST_CLOCK_SKEW = Duration.ofHours(1);
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public WebhookSettings {
        Objects.requireNonNull(forge, "forge");
        Objects.requireNonNull(secretVariable, "secretVariable");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (!VARIABLE.matcher(secretVariable).matches()) {
            throw new IllegalArgumentException("webhook secret-env '" + secretVariable + "' is not the name of an"
                    + " environment variable: give the name, e.g. STANDBY_WEBHOOK_SECRET, never the secret itself");
        }
        if (branch.isBlank() || branch.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("webhook branch '" + branch + "' is not a branch name");
        }
        if (maxClockSkew.isNegative() || maxClockSkew.isZero() || maxClockSkew.compareTo(LARGEST_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("webhook max clock skew must be positive and at most 1h, got "
                    + maxClockSkew);
        }
    }

    public WebhookSettings(Forge forge, String secretVariable, String branch) {
        this(forge, secretVariable, branch, DEFAULT_MAX_CLOCK_SKEW);
    }

    /** The ref a push to the followed branch names. */
    String followedRef() {
        return "refs/heads/" + branch;
    }
}
