package io.standby.adapters.notify;

import java.util.Objects;

/**
 * A WeCom (企业微信) group robot.
 *
 * @param url      the robot's webhook URL with its key, {@code https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...};
 *                 read by the app from the environment, since the key lets anyone post to the group
 * @param timeouts per attempt
 */
public record WeComSettings(String url, HttpTimeouts timeouts) implements NotifierSettings {

    public WeComSettings {
        Endpoint.of(url);
        Objects.requireNonNull(timeouts, "timeouts");
    }

    @Override
    public String toString() {
        return "WeComSettings[url=" + Endpoint.of(url) + ", timeouts=" + timeouts + "]";
    }
}
