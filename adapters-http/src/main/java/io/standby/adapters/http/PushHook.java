package io.standby.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.standby.domain.port.out.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The forge's push hook: a signed push to the followed branch wakes the poller; anything else is answered and
 * dropped. Only the signature's check touches the body before it is trusted, and of the body only {@code ref} is
 * read, to compare it with the followed branch: what the sender says reaches no shell, path or log.
 */
public final class PushHook {

    private static final Logger log = LoggerFactory.getLogger(PushHook.class);

    private final WebhookSettings settings;
    private final PushVerifier verifier;
    private final PushSignal signal;
    private final ObjectMapper json = new ObjectMapper();

    private PushHook(WebhookSettings settings, PushVerifier verifier, PushSignal signal) {
        this.settings = settings;
        this.verifier = verifier;
        this.signal = signal;
    }

    /**
     * The hook for the settings' forge.
     *
     * @param clock  for the freshness of Gitee's signatures
     * @param signal told of each push to the followed branch
     */
    public static PushHook of(WebhookSettings settings, Clock clock, PushSignal signal) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(signal, "signal");
        Secret secret = Secret.of(settings.secret());
        return new PushHook(settings, PushVerifier.of(settings.forge(), secret, settings, clock), signal);
    }

    /** The path the forge is to post to, e.g. {@code /hooks/github}. */
    public String path() {
        return settings.forge().path();
    }

    Answer receive(Delivery delivery, String from) {
        Optional<String> refusal = verifier.refusal(delivery);
        if (refusal.isPresent()) {
            log.warn("refused a {} hook from {}: {}", settings.forge().configName(), from, refusal.get());
            return Answer.unauthorized(refusal.get());
        }
        String event = delivery.header(settings.forge().eventHeader()).orElse("");
        if (settings.forge().isPing(event)) {
            log.info("the {} hook answers: ping received", settings.forge().configName());
            return Answer.ignored("a ping; the hook reaches Standby and its signature holds");
        }
        if (!settings.forge().isPush(event)) {
            return Answer.ignored("not a push event; only pushes to " + settings.branch() + " wake Standby");
        }
        Optional<String> ref = ref(delivery.body());
        if (ref.isEmpty()) {
            return Answer.text(400, "refused: the push has no \"ref\": set the webhook's content type to"
                    + " application/json");
        }
        if (!ref.get().equals(settings.followedRef())) {
            return Answer.ignored("a push to another branch or a tag; only pushes to " + settings.branch()
                    + " wake Standby");
        }
        log.info("a push to {} was announced by {}: looking at the repository now", settings.branch(),
                settings.forge().configName());
        signal.pushed();
        return Answer.accepted("a push to " + settings.branch() + "; Standby reads the branch from the repository now");
    }

    private Optional<String> ref(byte[] body) {
        try {
            JsonNode ref = json.readTree(body).path("ref");
            return ref.isTextual() ? Optional.of(ref.asText()) : Optional.empty();
        } catch (IOException e) {
            // Not JSON: a form-encoded delivery, or not a push at all.
            return Optional.empty();
        }
    }
}
