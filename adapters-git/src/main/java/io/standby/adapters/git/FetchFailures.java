package io.standby.adapters.git;

import io.standby.domain.port.out.SourceUnavailableException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.URIish;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns what JGit throws while talking to the repository into a message naming the cause and the fix. */
final class FetchFailures {

    private static final List<String> AUTHENTICATION_REFUSED = List.of(
            "not authorized", "authentication", "auth fail", "auth cancel", "permission denied", "not permitted");
    // JGit's git:// transport passes on the socket's message but drops the exception, so words must do.
    private static final List<String> HOST_NOT_FOUND = List.of(
            "unknown host", "name or service not known", "temporary failure in name resolution",
            "nodename nor servname");
    private static final List<String> TIMED_OUT = List.of("timed out", "time out");
    private static final List<String> REFUSED = List.of(
            "connection refused", "no route to host", "network is unreachable", "connection reset");
    private static final List<String> NO_SUCH_REPOSITORY = List.of(
            "not found", "not exported", "does not appear to be a git repository", "no such repository");
    private static final String NO_SPACE = "no space left on device";
    private static final int BRANCHES_LISTED = 10;

    private final GitSettings settings;
    private final PublicUrl url;
    private final Redaction redaction;

    FetchFailures(GitSettings settings, Redaction redaction) {
        this.settings = settings;
        this.url = settings.publicUrl();
        this.redaction = redaction;
    }

    /** Explains a failure to reach or read the repository. */
    SourceUnavailableException unreachable(Throwable failure) {
        return new SourceUnavailableException(explain(failure), redaction.safeCause(failure));
    }

    /** The repository has no refs at all. */
    SourceUnavailableException empty() {
        return new SourceUnavailableException("the git repository " + url + " is empty: push a first commit to"
                + " branch '" + settings.branch() + "'");
    }

    /** The branch is not in the repository; if the mirror had it, someone deleted it upstream. */
    SourceUnavailableException branchMissing(Optional<ObjectId> lastSeen, List<String> branches) {
        String others = branches.isEmpty() ? "" : " (its branches: " + listed(branches) + ")";
        if (lastSeen.isPresent()) {
            return new SourceUnavailableException("branch '" + settings.branch() + "' was deleted from " + url
                    + others + "; the mirror last saw it at " + lastSeen.get().abbreviate(7).name()
                    + ": push the branch again, or point Standby at another branch");
        }
        return new SourceUnavailableException("branch '" + settings.branch() + "' does not exist in " + url
                + others + ": check the branch name, or push the branch first");
    }

    /** The mirror on this machine cannot be created, read or written. */
    SourceUnavailableException mirrorBroken(Path mirror, Exception failure) {
        return new SourceUnavailableException("cannot use the git mirror at " + mirror + ": "
                + redaction.scrub(failure.getMessage()) + ". Check free disk space and permissions; deleting the"
                + " mirror directory makes Standby fetch the whole branch again", redaction.safeCause(failure));
    }

    private String explain(Throwable failure) {
        // A full disk on this machine fails the fetch as surely as the network would; the fix is here, not there.
        if (chainMentions(failure, NO_SPACE)) {
            return "fetching branch '" + settings.branch() + "' from " + url + " failed: no space left on device for"
                    + " the mirror at " + settings.mirror().toAbsolutePath().normalize() + ". Free disk space on that"
                    + " file system; the next poll fetches again";
        }
        String unreachable = "cannot reach the git repository " + url + ": ";
        if (hasInChain(failure, UnknownHostException.class) || chainMentionsAny(failure, HOST_NOT_FOUND)) {
            return unreachable + "host " + host() + " not found. Check the host name in the repository URL and"
                    + " this machine's DNS";
        }
        if (hasInChain(failure, InterruptedIOException.class) || chainMentionsAny(failure, TIMED_OUT)) {
            return unreachable + "no answer within " + settings.timeoutSeconds() + " s. Check the network and"
                    + " firewalls between this machine and the git server, or raise the timeout";
        }
        if (hasInChain(failure, ConnectException.class) || hasInChain(failure, NoRouteToHostException.class)
                || chainMentionsAny(failure, REFUSED)) {
            return unreachable + "connection refused by " + host() + ". Check that the git server is running and"
                    + " that the URL's host and port are right";
        }
        if (chainMentionsAny(failure, AUTHENTICATION_REFUSED)) {
            return "authentication refused by " + url + ": check the username and the secret";
        }
        if (hasInChain(failure, NoRemoteRepositoryException.class) || hasInChain(failure, InvalidRemoteException.class)
                || chainMentionsAny(failure, NO_SUCH_REPOSITORY)) {
            return "there is no git repository at " + url + ": check the path in the repository URL, and for a"
                    + " private repository that the account may read it";
        }
        return "fetching branch '" + settings.branch() + "' from " + url + " failed: "
                + redaction.scrub(innermostMessage(failure)) + ". Check the repository URL and that the server"
                + " serves git";
    }

    /** The server's host and port as the URL gives them, for "not found" and "refused". */
    private String host() {
        try {
            URIish uri = new URIish(settings.repository());
            String host = uri.getHost() == null ? "(local)" : uri.getHost();
            return uri.getPort() > 0 ? host + ":" + uri.getPort() : host;
        } catch (URISyntaxException e) {
            return url.toString();
        }
    }

    private static String listed(List<String> branches) {
        String shown = String.join(", ", branches.subList(0, Math.min(BRANCHES_LISTED, branches.size())));
        return branches.size() > BRANCHES_LISTED ? shown + ", ..." : shown;
    }

    private static boolean hasInChain(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean chainMentionsAny(Throwable failure, List<String> phrases) {
        return phrases.stream().anyMatch(phrase -> chainMentions(failure, phrase));
    }

    private static boolean chainMentions(Throwable failure, String lowerCasePhrase) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(lowerCasePhrase)) {
                return true;
            }
        }
        return false;
    }

    private static String innermostMessage(Throwable failure) {
        String message = failure.getClass().getSimpleName();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
