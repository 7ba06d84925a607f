package io.standby.adapters.notify;

import java.util.Objects;
import java.util.Optional;

/**
 * A DingTalk (钉钉) custom group robot.
 *
 * @param url      the robot's webhook URL with its token, {@code https://oapi.dingtalk.com/robot/send?access_token=...};
 *                 read by the app from the environment
 * @param secret   the signing secret ({@code SEC...}) when the robot's security setting is 加签 (signed); each request
 *                 then carries {@code timestamp} and {@code sign}. Read and checked by the app from the environment; never printed
 * @param timeouts per attempt
 */
public record DingTalkSettings(String url, Optional<String> secret, HttpTimeouts timeouts) implements NotifierSettings {

    public DingTalkSettings {
        Endpoint.of(url);
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(timeouts, "timeouts");
    }

    @Override
    public String toString() {
        return "DingTalkSettings[url=" + Endpoint.of(url) + ", secret=" + secret.map(s -> "(redacted)").orElse("(none)")
                + ", timeouts=" + timeouts + "]";
    }
}
