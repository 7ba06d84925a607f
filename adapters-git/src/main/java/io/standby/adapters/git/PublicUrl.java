package io.standby.adapters.git;

import org.eclipse.jgit.transport.URIish;

import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A repository address without user name or password, fit for logs, status and error messages: the one place that
 * strips credentials from a repository URL, for this module and for the app's start-up line alike.
 */
public record PublicUrl(String value) {

    // Greedy up to the last '@' before the path, so that a password containing '@' goes too.
    private static final Pattern USERINFO = Pattern.compile("(?<=://)[^/]*@");

    public PublicUrl {
        Objects.requireNonNull(value, "value");
    }

    /** The address as configured, minus any credentials in it (a password may itself contain '@' and ':'). */
    public static PublicUrl of(String repository) {
        try {
            URIish uri = new URIish(repository);
            if (uri.getUser() == null && uri.getPass() == null) {
                return new PublicUrl(repository);
            }
            return new PublicUrl(uri.setUser(null).setPass(null).toString());
        } catch (URISyntaxException e) {
            return new PublicUrl(USERINFO.matcher(repository).replaceFirst(""));
        }
    }

    /** The password written into the URL, if any, so that what others print about it can be scrubbed of it. */
    static Optional<String> passwordIn(String repository) {
        try {
            return Optional.ofNullable(new URIish(repository).getPass()).filter(p -> !p.isEmpty());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
