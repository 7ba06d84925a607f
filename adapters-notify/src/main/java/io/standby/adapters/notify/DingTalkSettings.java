package io.standby.adapters.notify;

import java.util.Objects;
import java.util.Optional;

/**
 * A DingTalk (钉钉) custom group robot.
 *
 * @param url      the robot's webhook URL with its token, {@code https://oapi.dingtalk.com/robot/send?access_token=...};
 *                 read by the app from the environment
 * @param secret   the signing secret ({@code SEC...}) when the robot's security setting is 加签 (signed); each request
 *                 then carries {@code timestamp} and {@code sign}. Read by the app from the environment; never printed
 * @param timeouts per attempt; null for {@link HttpTimeouts#DEFAULT}
 */
public record DingTalkSettings(String url, Optional<String> secret, HttpTimeouts timeouts) implements NotifierSettings {

    public DingTalkSettings {
        Endpoint.of(url);
        secret = Objects.requireNonNullElse(secret, Optional.empty());
        if (secret.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("the DingTalk signing secret is blank: the variable that holds it is set but"
                    + " empty; set it to the SEC... string of the robot's 加签 setting, or leave it unset for an unsigned robot");
        }
        timeouts = Objects.requireNonNullElse(timeouts, HttpTimeouts.DEFAULT);
    }

    @Override
    public String toString() {
        return "DingTalkSettings[url=" + Endpoint.of(url) + ", secret=" + secret.map(s -> "(redacted)").orElse("(none)")
                + ", timeouts=" + timeouts + "]";
    }
}
