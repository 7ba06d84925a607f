package io.standby.adapters.git;

import io.standby.domain.model.Revision;
import io.standby.domain.port.out.ReleaseSource;
import io.standby.domain.port.out.SourceUnavailableException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Releases from one branch of a git repository, read through a local mirror with JGit; never runs git itself. */
final class JGitSource implements ReleaseSource {

    private static final Logger log = LoggerFactory.getLogger(JGitSource.class);
    // Git itself will not resolve fewer than four hex digits.
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{4,40}");
    private static final Pattern FULL_COMMIT_ID = Pattern.compile("[0-9a-f]{40}");
    private static final int MAX_REVISION_FILE = 1024;

    private final PublicUrl url;
    private final Mirror mirror;

    JGitSource(GitSettings settings) {
        this.url = settings.publicUrl();
        this.mirror = new Mirror(settings, new FetchFailures(settings, new Redaction(settings)));
    }

    @Override
    public Revision newest() {
        return mirror.fetch();
    }

    @Override
    public List<Revision> find(String commitId) {
        String id = Objects.requireNonNull(commitId, "commitId").strip().toLowerCase(Locale.ROOT);
        if (!COMMIT_ID.matcher(id).matches()) {
            return List.of();
        }
        List<Revision> known = lookUp(id);
        if (!known.isEmpty()) {
            return known;
        }
        mirror.fetch();
        return lookUp(id);
    }

    @Override
    public void export(Revision revision, Path directory) {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(directory, "directory");
        TreeExport.requireVacant(directory);
        if (lookUp(revision.sha()).isEmpty()) {
            mirror.fetch();
        }
        long started = System.nanoTime();
        int entries = mirror.read(repository -> exported(repository, revision, directory))
                .orElseThrow(() -> notInRepository(revision));
        log.info("exported {} ({}) into {}: {} files ({} ms)", revision.shortSha(), revision.subject(), directory,
                entries, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    @Override
    public Optional<Revision> revisionAt(Path directory) {
        if (Files.exists(directory.resolve(Constants.DOT_GIT), LinkOption.NOFOLLOW_LINKS)) {
            Optional<Revision> head = workTreeHead(directory);
            if (head.isPresent()) {
                return head;
            }
        }
        Path revisionFile = directory.resolve(TreeExport.REVISION_FILE);
        if (Files.isRegularFile(revisionFile, LinkOption.NOFOLLOW_LINKS)) {
            return exportedRevision(revisionFile);
        }
        return Optional.empty();
    }

    private List<Revision> lookUp(String hexPrefix) {
        return mirror.read(repository -> Commits.matching(repository, hexPrefix).stream().map(Commits::revision).toList())
                .orElse(List.of());
    }

    private static Integer exported(Repository repository, Revision revision, Path directory) throws IOException {
        ObjectId id = ObjectId.fromString(revision.sha());
        if (!repository.getObjectDatabase().has(id)) {
            return null;
        }
        try (RevWalk walk = new RevWalk(repository)) {
            return new TreeExport(repository).write(walk.parseCommit(id), directory);
        }
    }

    private SourceUnavailableException notInRepository(Revision revision) {
        return new SourceUnavailableException("commit " + revision.sha() + " is neither in the mirror nor on the"
                + " followed branch of " + url + ": it may have been removed by a force-push; deploy a commit"
                + " that is on the branch");
    }

    /** The checked-out commit of a hand-made deployment; only its own .git counts, never a parent's. */
    private static Optional<Revision> workTreeHead(Path directory) {
        try (Repository repository = new FileRepositoryBuilder().setWorkTree(directory.toFile())
                .setMustExist(true).build();
             RevWalk walk = new RevWalk(repository)) {
            ObjectId head = repository.resolve(Constants.HEAD);
            return head == null ? Optional.empty() : Optional.of(Commits.revision(walk.parseCommit(head)));
        } catch (IOException | RuntimeException e) {
            log.warn("{} has a .git but its HEAD cannot be read ({}); looking for a REVISION file instead",
                    directory, e.toString());
            return Optional.empty();
        }
    }

    private Optional<Revision> exportedRevision(Path revisionFile) {
        String sha;
        try {
            if (Files.size(revisionFile) > MAX_REVISION_FILE) {
                return Optional.empty();
            }
            sha = Files.readString(revisionFile, StandardCharsets.US_ASCII).strip().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            log.warn("cannot read {} ({}); treating the directory as of unknown revision", revisionFile, e.toString());
            return Optional.empty();
        }
        if (!FULL_COMMIT_ID.matcher(sha).matches()) {
            log.warn("{} does not hold a full commit id; treating the directory as of unknown revision", revisionFile);
            return Optional.empty();
        }
        try {
            // A full id names one commit at most.
            Optional<Revision> found = find(sha).stream().findFirst();
            if (found.isPresent()) {
                return found;
            }
            log.warn("commit {} named by {} is not in {}; adopting it by id only", sha, revisionFile, url);
        } catch (SourceUnavailableException e) {
            log.warn("commit {} named by {} could not be looked up ({}); adopting it by id only",
                    sha, revisionFile, e.getMessage());
        }
        return Optional.of(new Revision(sha, "", "adopted: commit details unavailable", Instant.EPOCH));
    }
}
