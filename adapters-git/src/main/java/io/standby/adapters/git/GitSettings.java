package io.standby.adapters.git;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where releases come from: one branch of one git repository, mirrored locally. The app's configuration checks the
 * operator's values (with {@link GitNames} for what git accepts); this record carries them.
 *
 * @param repository the repository's URL ({@code file://}, {@code git://}, {@code https://}, {@code ssh://},
 *                   scp-like {@code git@host:org/app.git}) or a local path
 * @param branch     the branch Standby follows, e.g. {@code main}
 * @param mirror     the local bare mirror, e.g. {@code <state>/mirror.git}; created on the first fetch
 * @param timeout    how long one network operation may stay silent before it fails
 * @param username   the user name for HTTP(S) authentication
 * @param secret     the password or token for that user, as read by the app from the environment; never printed
 */
public record GitSettings(String repository, String branch, Path mirror, Duration timeout,
                          Optional<String> username, Optional<String> secret) {

    public GitSettings {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(mirror, "mirror");
        Objects.requireNonNull(timeout, "timeout");
        username = Objects.requireNonNullElse(username, Optional.empty());
        secret = Objects.requireNonNullElse(secret, Optional.empty());
    }

    /** The timeout in the whole seconds JGit counts in, rounded up so that 1500 ms does not become 1 s. */
    int timeoutSeconds() {
        return timeout.getSeconds() >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) timeout.plusMillis(999).getSeconds();
    }

    /** The repository's address as it may appear in logs and messages. */
    PublicUrl publicUrl() {
        return PublicUrl.of(repository);
    }

    @Override
    public String toString() {
        return "GitSettings[repository=" + publicUrl() + ", branch=" + branch + ", mirror=" + mirror
                + ", timeout=" + timeout + ", username=" + username.orElse("(none)")
                + ", secret=" + secret.map(s -> "(redacted)").orElse("(none)") + "]";
    }
}
