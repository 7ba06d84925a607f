package io.standby.adapters.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A DingTalk custom robot: a markdown message. When the robot is signed (加签), each request carries {@code timestamp}
 * (ms, within an hour of DingTalk's clock) and {@code sign} = urlencode(base64(HmacSHA256(key = secret,
 * data = timestamp + "\n" + secret))), as DingTalk's robot documentation gives it. DingTalk answers 200 with an
 * errcode; 130101 and 410100 (more than 20 messages a minute) and -1 (busy) are worth waiting for.
 */
final class DingTalkRobot implements Notifier {

    private static final Set<Integer> TRANSIENT = Set.of(-1, 130101, 410100);

    private final Endpoint endpoint;
    private final Optional<String> secret;
    private final ObjectMapper json;
    private final Clock clock;
    private final ErrorCodes errors;

    DingTalkRobot(Endpoint endpoint, Optional<String> secret, ObjectMapper json, Clock clock) {
        this.endpoint = endpoint;
        this.secret = secret;
        this.json = json;
        this.clock = clock;
        this.errors = new ErrorCodes("DingTalk", TRANSIENT, json);
    }

    @Override
    public String name() {
        return "dingtalk " + endpoint.publicForm();
    }

    @Override
    public Message message(ReleaseNotice notice) {
        NoticeText text = new NoticeText(notice);
        // "Standby" in the title lets a robot whose security is a keyword (自定义关键词) take the message.
        String markdown = "#### " + notice.outcome().mood().symbol() + " " + text.headline() + "\n\n"
                + text.facts().stream().map(f -> "- **" + f.label() + ":** " + f.value()).collect(Collectors.joining("\n"));
        ObjectNode body = json.createObjectNode().put("msgtype", "markdown");
        body.putObject("markdown").put("title", "Standby: " + text.headline()).put("text", markdown);
        return new Message(signed(), Map.of(), body.toString());
    }

    @Override
    public Answer read(String body) {
        return errors.read(body);
    }

    private URI signed() {
        if (secret.isEmpty()) {
            return endpoint.uri();
        }
        long timestamp = clock.millis();
        String sign = URLEncoder.encode(sign(timestamp, secret.get()), StandardCharsets.UTF_8);
        String url = endpoint.uri().toString();
        return URI.create(url + (endpoint.uri().getRawQuery() == null ? "?" : "&") + "timestamp=" + timestamp + "&sign=" + sign);
    }

    /** The signature before URL encoding. */
    static String sign(long timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot compute HmacSHA256, which every Java runtime must provide", e);
        }
    }
}
