package io.standby.adapters.git;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.URIish;

import java.net.URISyntaxException;
import java.util.Optional;

/**
 * What git itself accepts as a branch name and as a repository address, as JGit knows it. The configuration checks
 * the operator's values with these, so that nothing reaches {@link GitSettings} that git would refuse or misread.
 */
public final class GitNames {

    private GitNames() {
    }

    /** Whether git would take this as a branch's name; never one starting with '-', which would read as an option. */
    public static boolean isBranch(String name) {
        return !name.startsWith("-") && Repository.isValidRefName("refs/heads/" + name);
    }

    /**
     * Why JGit could not or must not fetch from this address: a URL ({@code file://}, {@code git://}, {@code https://},
     * {@code ssh://}, scp-like {@code git@host:org/app.git}) or a local path is fine; empty when it is.
     */
    public static Optional<String> addressProblem(String repository) {
        URIish uri;
        try {
            uri = new URIish(repository);
        } catch (URISyntaxException e) {
            return Optional.of("is neither a git URL nor a path: check it for typos");
        }
        // JGit hands the host to an external ssh when GIT_SSH is set; a leading dash would become an option.
        if (uri.getHost() != null && uri.getHost().startsWith("-")) {
            return Optional.of("names a host starting with '-': check the URL");
        }
        return Optional.empty();
    }
}
