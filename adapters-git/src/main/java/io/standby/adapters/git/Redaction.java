package io.standby.adapters.git;

import java.util.ArrayList;
import java.util.List;

/** Keeps credentials out of what the adapter says: the configured secret and any password inside the URL. */
final class Redaction {

    private static final String HIDDEN = "***";

    private final List<String> secrets;

    Redaction(GitSettings settings) {
        List<String> found = new ArrayList<>();
        settings.secret().ifPresent(found::add);
        PublicUrl.passwordIn(settings.repository()).ifPresent(found::add);
        this.secrets = List.copyOf(found);
    }

    /** The text with every credential replaced by {@value #HIDDEN}. */
    String scrub(String text) {
        String scrubbed = text == null ? "" : text;
        for (String secret : secrets) {
            scrubbed = scrubbed.replace(secret, HIDDEN);
        }
        return scrubbed;
    }

    /** Whether a failure's message, or the message of anything that caused it, shows a credential. */
    boolean reveals(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (secrets.stream().anyMatch(message::contains)) {
                return true;
            }
        }
        return false;
    }

    /** The failure if it can travel as a cause, or nothing if its messages would show a credential. */
    Throwable safeCause(Throwable failure) {
        return reveals(failure) ? null : failure;
    }
}
