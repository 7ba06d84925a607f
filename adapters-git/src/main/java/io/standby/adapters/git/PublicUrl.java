package io.standby.adapters.git;

import org.eclipse.jgit.transport.URIish;

import java.net.URISyntaxException;
import java.util.Objects;
import java.util.regex.Pattern;

/** A repository address without user name or password, fit for logs and error messages. */
record PublicUrl(String value) {

    // Greedy up to the last '@' before the path, so that a password containing '@' goes too.
    private static final Pattern USERINFO = Pattern.compile("(?<=://)[^/]*@");

    PublicUrl {
        Objects.requireNonNull(value, "value");
    }

    static PublicUrl of(String repository) {
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

    @Override
    public String toString() {
        return value;
    }
}
