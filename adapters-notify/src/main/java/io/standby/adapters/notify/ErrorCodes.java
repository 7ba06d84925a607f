package io.standby.adapters.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Set;

/**
 * Reads the {@code {"errcode": 0, "errmsg": "ok"}} that DingTalk and WeCom robots answer with status 200 whether the
 * message was taken or not: any other errcode is an error, retried only if the service calls it transient.
 */
final class ErrorCodes {

    private final String service;
    private final Set<Integer> transientCodes;
    private final ObjectMapper json;

    ErrorCodes(String service, Set<Integer> transientCodes, ObjectMapper json) {
        this.service = service;
        this.transientCodes = Set.copyOf(transientCodes);
        this.json = json;
    }

    Answer read(String body) {
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (JsonProcessingException e) {
            answer = null;
        }
        if (answer == null || !answer.path("errcode").canConvertToInt()) {
            return new Answer.Refused("answered 200 without " + service + "'s errcode: " + Answer.quote(body)
                    + "; is the URL " + service + "'s robot webhook?");
        }
        int code = answer.path("errcode").asInt();
        if (code == 0) {
            return new Answer.Delivered();
        }
        String why = service + " errcode " + code + ": " + answer.path("errmsg").asText("");
        return transientCodes.contains(code) ? new Answer.Transient(why) : new Answer.Refused(why);
    }
}
