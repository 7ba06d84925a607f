package io.standby.adapters.http;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * How each forge sends its hook, written from its documentation rather than from Standby's code: the headers it
 * sets, how it signs, and a body shaped like the examples it publishes (in {@code forges/}, branch {@code main}).
 */
enum ForgeSender {

    /** GitHub's "Webhook events and payloads" and "Validating webhook deliveries". */
    GITHUB(Forge.GITHUB, "X-Hub-Signature-256") {
        @Override
        Hook push(byte[] body, String secret, Instant now) {
            return github("push", body, secret);
        }

        @Override
        Hook notAPush(String secret, Instant now) {
            return github("ping", resource("forges/github-ping.json"), secret);
        }

        private Hook github(String event, byte[] body, String secret) {
            Map<String, String> headers = json("GitHub-Hookshot/044aadd");
            headers.put("X-GitHub-Event", event);
            headers.put("X-GitHub-Delivery", UUID.randomUUID().toString());
            headers.put("X-GitHub-Hook-ID", "109948940");
            headers.put("X-GitHub-Hook-Installation-Target-Type", "repository");
            headers.put("X-GitHub-Hook-Installation-Target-ID", "186853002");
            headers.put("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(hmac(secret, body)));
            return new Hook(headers, body);
        }
    },

    /** GitLab's "Webhook events" (push events) and "Webhooks" (secret token). */
    GITLAB(Forge.GITLAB, "X-Gitlab-Token") {
        @Override
        Hook push(byte[] body, String secret, Instant now) {
            return gitlab("Push Hook", body, secret);
        }

        @Override
        Hook notAPush(String secret, Instant now) {
            return gitlab("Tag Push Hook", tagPush(resource("forges/gitlab-push.json")), secret);
        }

        private Hook gitlab(String event, byte[] body, String secret) {
            Map<String, String> headers = json("GitLab/17.5.0");
            headers.put("X-Gitlab-Event", event);
            headers.put("X-Gitlab-Instance", "https://gitlab.example.com");
            headers.put("X-Gitlab-Webhook-UUID", UUID.randomUUID().toString());
            headers.put("X-Gitlab-Event-UUID", UUID.randomUUID().toString());
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
            headers.put("X-Gitlab-Token", secret);
            return new Hook(headers, body);
        }
    },

    /** Gitea's "Webhooks" page: the GitHub- and Gogs-compatible headers come along. */
    GITEA(Forge.GITEA, "X-Gitea-Signature") {
        @Override
        Hook push(byte[] body, String secret, Instant now) {
            return gitea("push", body, secret);
        }

        @Override
        Hook notAPush(String secret, Instant now) {
            return gitea("create", tagPush(resource("forges/gitea-push.json")), secret);
        }

        private Hook gitea(String event, byte[] body, String secret) {
            String delivery = UUID.randomUUID().toString();
            Map<String, String> headers = json("Go-http-client/1.1");
            headers.put("X-GitHub-Delivery", delivery);
            headers.put("X-GitHub-Event", event);
            headers.put("X-Gogs-Delivery", delivery);
            headers.put("X-Gogs-Event", event);
            headers.put("X-Gitea-Delivery", delivery);
            headers.put("X-Gitea-Event", event);
            headers.put("X-Gitea-Signature", HexFormat.of().formatHex(hmac(secret, body)));
            return new Hook(headers, body);
        }
    },

    /** Gitee's "WebHook 推送数据格式说明" and "WebHook 密钥验证和验证算法", signing-key mode. */
    GITEE(Forge.GITEE, "X-Gitee-Token") {
        @Override
        Hook push(byte[] body, String secret, Instant now) {
            return gitee("Push Hook", body, secret, now);
        }

        @Override
        Hook notAPush(String secret, Instant now) {
            return gitee("Tag Push Hook", tagPush(resource("forges/gitee-push.json")), secret, now);
        }

        private Hook gitee(String event, byte[] body, String secret, Instant now) {
            String timestamp = Long.toString(now.toEpochMilli());
            Map<String, String> headers = json("git-oschina-hook");
            headers.put("X-Gitee-Event", event);
            headers.put("X-Gitee-Timestamp", timestamp);
            headers.put("X-Gitee-Token", Base64.getEncoder().encodeToString(hmac(secret,
                    (timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8))));
            return new Hook(headers, body);
        }
    };

    final Forge forge;
    final String signatureHeader;

    ForgeSender(Forge forge, String signatureHeader) {
        this.forge = forge;
        this.signatureHeader = signatureHeader;
    }

    /** A signed push to the branch the body names. */
    abstract Hook push(byte[] body, String secret, Instant now);

    /** A signed delivery that is no push: GitHub's ping, the others' tag events. */
    abstract Hook notAPush(String secret, Instant now);

    /** The forge's sample push to {@code main}. */
    byte[] samplePush() {
        return resource("forges/" + forge.configName() + "-push.json");
    }

    /** The sample push, moved to another branch. */
    byte[] samplePushTo(String branch) {
        return new String(samplePush(), StandardCharsets.UTF_8)
                .replace("\"refs/heads/main\"", "\"refs/heads/" + branch + "\"").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] tagPush(byte[] push) {
        return new String(push, StandardCharsets.UTF_8).replace("\"refs/heads/main\"", "\"refs/tags/v1.4.0\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] resource(String name) {
        try (InputStream in = ForgeSender.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> json(String userAgent) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", userAgent);
        return headers;
    }
}
