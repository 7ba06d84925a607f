package io.standby.adapters.git;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.URIish;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where releases come from: one branch of one git repository, mirrored locally.
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

    /** Long enough for a first clone of a large repository on a slow link; fetches after it take seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public GitSettings {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(mirror, "mirror");
        Objects.requireNonNull(timeout, "timeout");
        username = Objects.requireNonNullElse(username, Optional.empty());
        secret = Objects.requireNonNullElse(secret, Optional.empty());
        checkRepository(repository);
        // Git itself refuses branch names that start with '-', which would read as options.
        if (branch.startsWith("-") || !Repository.isValidRefName("refs/heads/" + branch)) {
            throw new IllegalArgumentException("git branch '" + branch + "' is not a valid branch name:"
                    + " give the name as in 'git branch', e.g. 'main' or 'release/2024'");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.getSeconds() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("git timeout " + timeout + " is out of range:"
                    + " give a positive duration such as 2m");
        }
        if (username.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("git username is blank: leave it out or give the account name");
        }
        if (secret.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("git secret is blank: the variable that holds the password or token"
                    + " is set but empty; set it, or leave it unset for a public repository");
        }
        if (secret.isPresent() && username.isEmpty()) {
            throw new IllegalArgumentException("git secret is set but git username is not: give the account name"
                    + " (for a GitHub token any name works, e.g. 'git'; GitLab expects 'oauth2')");
        }
    }

    /** Follows a public repository with the default timeout. */
    public GitSettings(String repository, String branch, Path mirror) {
        this(repository, branch, mirror, DEFAULT_TIMEOUT, Optional.empty(), Optional.empty());
    }

    /** The timeout in the whole seconds JGit counts in, rounded up so that 1500 ms does not become 1 s. */
    int timeoutSeconds() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.plusMillis(999).getSeconds());
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

    private static void checkRepository(String repository) {
        if (repository.isBlank()) {
            throw new IllegalArgumentException("git repository is empty: give the URL or path of the"
                    + " application's repository, e.g. https://git.example.com/shop/app.git");
        }
        URIish uri;
        try {
            uri = new URIish(repository);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("git repository '" + PublicUrl.of(repository)
                    + "' is neither a git URL nor a path: check it for typos");
        }
        // JGit hands the host to an external ssh when GIT_SSH is set; a leading dash would become an option.
        if (uri.getHost() != null && uri.getHost().startsWith("-")) {
            throw new IllegalArgumentException("git repository '" + PublicUrl.of(repository)
                    + "' names a host starting with '-': check the URL");
        }
    }
}
