package io.standby.adapters.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A WeCom group robot: {@code {"msgtype":"markdown","markdown":{"content":...}}}, content at most 4096 bytes of
 * UTF-8. WeCom answers 200 with an errcode; 45009 (more than 20 messages a minute) and -1 (busy) are worth waiting for.
 */
final class WeComRobot implements Notifier {

    static final int MAX_CONTENT_BYTES = 4096;
    private static final Set<Integer> TRANSIENT = Set.of(-1, 45009);

    private final Endpoint endpoint;
    private final ObjectMapper json;
    private final ErrorCodes errors;

    WeComRobot(Endpoint endpoint, ObjectMapper json) {
        this.endpoint = endpoint;
        this.json = json;
        this.errors = new ErrorCodes("WeCom", TRANSIENT, json);
    }

    @Override
    public String name() {
        return "wecom " + endpoint.publicForm();
    }

    @Override
    public Message message(ReleaseNotice notice) {
        NoticeText text = new NoticeText(notice);
        // WeCom's markdown has three colours: info (green), warning (orange), comment (grey).
        String colour = switch (notice.outcome().mood()) {
            case GOOD -> "info";
            case BAD -> "warning";
            case NOTEWORTHY -> "comment";
        };
        String content = "**<font color=\"" + colour + "\">" + notice.outcome().mood().symbol() + " " + text.headline() + "</font>**\n"
                + text.facts().stream().map(f -> "> " + f.label() + ": " + f.value()).collect(Collectors.joining("\n"));
        ObjectNode body = json.createObjectNode().put("msgtype", "markdown");
        body.putObject("markdown").put("content", fit(content));
        return new Message(endpoint.uri(), Map.of(), body.toString());
    }

    @Override
    public Answer read(String body) {
        return errors.read(body);
    }

    /** WeCom refuses longer content outright (errcode 40058), so the end is cut, never a character in half. */
    private static String fit(String content) {
        if (content.getBytes(StandardCharsets.UTF_8).length <= MAX_CONTENT_BYTES) {
            return content;
        }
        StringBuilder fitted = new StringBuilder();
        int bytes = "…".getBytes(StandardCharsets.UTF_8).length;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_CONTENT_BYTES) {
                break;
            }
            fitted.appendCodePoint(codePoint);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return fitted.append('…').toString();
    }
}
