package io.standby.adapters.http;

import io.standby.domain.port.out.Clock;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Gitee sends in {@code X-Gitee-Token} either the webhook's password as it is, or a signature: the Base64 of
 * HMAC-SHA256, under the signing key, of {@code X-Gitee-Timestamp} (milliseconds), a newline and the key ("WebHook
 * 密钥验证和验证算法" in Gitee's help). The signature does not cover the body, so it is only as fresh as its
 * timestamp: one further from the agent's clock than the allowed skew is refused, which bounds replays.
 */
final class GiteeVerifier implements PushVerifier {

    static final String TOKEN = "X-Gitee-Token";
    static final String TIMESTAMP = "X-Gitee-Timestamp";
    // Milliseconds since 1970 have 13 digits until the year 2286; more would only be a way to overflow.
    private static final Pattern MILLIS = Pattern.compile("[0-9]{1,15}");

    private final Secret secret;
    private final Clock clock;
    private final Duration maxSkew;

    GiteeVerifier(Secret secret, Clock clock, Duration maxSkew) {
        this.secret = secret;
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    @Override
    public Optional<String> refusal(Delivery delivery) {
        Optional<String> token = delivery.header(TOKEN);
        if (token.isEmpty()) {
            return Optional.of("no " + TOKEN + " header: set the webhook's password or signing key in Gitee");
        }
        if (secret.isSpelledBy(token.get())) {
            return Optional.empty();
        }
        Optional<String> timestamp = delivery.header(TIMESTAMP).map(String::strip).filter(t -> MILLIS.matcher(t).matches());
        if (timestamp.isEmpty()) {
            return Optional.of(TOKEN + " is not the password, and " + TIMESTAMP + " is missing or not a time in ms");
        }
        Duration skew = Duration.between(Instant.ofEpochMilli(Long.parseLong(timestamp.get())), clock.now()).abs();
        if (skew.compareTo(maxSkew) > 0) {
            return Optional.of(TIMESTAMP + " is " + skew.toSeconds() + "s away from the agent's clock, more than the "
                    + maxSkew.toSeconds() + "s allowed: check both clocks");
        }
        String expected = Base64.getEncoder().encodeToString(
                secret.signFollowedByItself((timestamp.get() + "\n").getBytes(StandardCharsets.UTF_8)));
        if (!Secret.same(expected, token.get().strip())) {
            return Optional.of(TOKEN + " is neither the password nor its signature: check that both sides have the"
                    + " same secret");
        }
        return Optional.empty();
    }
}
