package io.standby.adapters.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/** A bare repository standing in for the application's origin; commits are written straight into it, as a push would. */
final class Upstream implements AutoCloseable {

    private static final PersonIdent DEVELOPER = new PersonIdent("Dana Developer", "dana@example.com");

    private final Path directory;
    private final Repository repository;

    private Upstream(Path directory, Repository repository) {
        this.directory = directory;
        this.repository = repository;
    }

    static Upstream create(Path directory) {
        try {
            Git git = Git.init().setBare(true).setDirectory(directory.toFile()).setInitialBranch("main").call();
            return new Upstream(directory, git.getRepository());
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One change to the tree: a file, an executable, a symbolic link or a deletion. */
    record Change(String path, FileMode mode, String content) {

        static Change file(String path, String content) {
            return new Change(path, FileMode.REGULAR_FILE, content);
        }

        static Change executable(String path, String content) {
            return new Change(path, FileMode.EXECUTABLE_FILE, content);
        }

        static Change link(String path, String target) {
            return new Change(path, FileMode.SYMLINK, target);
        }

        static Change submodule(String path, String commitId) {
            return new Change(path, FileMode.GITLINK, commitId);
        }
    }

    Path directory() {
        return directory;
    }

    String fileUrl() {
        return directory.toUri().toString();
    }

    /** Commits the changes on top of the branch's head (creating the branch if needed); returns the new commit's id. */
    String commit(String branch, String message, Change... changes) {
        return write(branch, message, false, List.of(changes));
    }

    String commit(String branch, String message, List<Change> changes) {
        return write(branch, message, false, changes);
    }

    /** Replaces the branch's history with one new root commit, as {@code git push --force} of a rewrite would. */
    String forcePush(String branch, String message, Change... changes) {
        return write(branch, message, true, List.of(changes));
    }

    /** Packs every object, as git gc does on a server: the loose objects go into one pack. */
    void gc() {
        try {
            Git.wrap(repository).gc().call();
        } catch (GitAPIException e) {
            throw new IllegalStateException("gc of " + directory + " failed", e);
        }
    }

    void deleteBranch(String branch) {
        try {
            RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.delete();
            if (result != RefUpdate.Result.FORCED) {
                throw new IllegalStateException("could not delete " + branch + ": " + result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(String branch, String message, boolean rewrite, List<Change> changes) {
        String refName = Constants.R_HEADS + branch;
        try (ObjectInserter inserter = repository.newObjectInserter(); RevWalk walk = new RevWalk(repository)) {
            Ref ref = repository.exactRef(refName);
            ObjectId parent = ref == null || rewrite ? null : ref.getObjectId();
            DirCache index = parent == null
                    ? DirCache.newInCore()
                    : DirCache.read(walk.getObjectReader(), walk.parseCommit(parent).getTree());
            DirCacheEditor editor = index.editor();
            for (Change change : changes) {
                ObjectId blob = change.mode() == FileMode.GITLINK
                        ? ObjectId.fromString(change.content())
                        : inserter.insert(Constants.OBJ_BLOB, change.content().getBytes(StandardCharsets.UTF_8));
                editor.add(new DirCacheEditor.PathEdit(change.path()) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(change.mode());
                        entry.setObjectId(blob);
                    }
                });
            }
            editor.finish();
            return commitTree(inserter, walk, refName, message, index.writeTree(inserter), parent, rewrite);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Commits a tree holding one file at a path that git itself would refuse (such as {@code .git/config} or
     * {@code ../escape}), as a hostile server could send; trees are written by hand, past JGit's checks.
     */
    String commitUnchecked(String branch, String path, String content) {
        String refName = Constants.R_HEADS + branch;
        try (ObjectInserter inserter = repository.newObjectInserter(); RevWalk walk = new RevWalk(repository)) {
            ObjectId id = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
            FileMode mode = FileMode.REGULAR_FILE;
            String[] segments = path.split("/");
            for (int i = segments.length - 1; i >= 0; i--) {
                TreeFormatter tree = new TreeFormatter();
                tree.append(segments[i], mode, id);
                id = inserter.insert(tree);
                mode = FileMode.TREE;
            }
            Ref ref = repository.exactRef(refName);
            return commitTree(inserter, walk, refName, "Unsafe path " + path, id,
                    ref == null ? null : ref.getObjectId(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String commitTree(ObjectInserter inserter, RevWalk walk, String refName, String message, ObjectId tree,
                              ObjectId parent, boolean rewrite) throws IOException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        if (parent != null) {
            commit.setParentId(parent);
        }
        commit.setAuthor(DEVELOPER);
        commit.setCommitter(DEVELOPER);
        commit.setMessage(message);
        ObjectId id = inserter.insert(commit);
        inserter.flush();
        RefUpdate update = repository.updateRef(refName);
        update.setNewObjectId(id);
        update.setForceUpdate(rewrite);
        RefUpdate.Result result = update.update(walk);
        if (!EnumSet.of(RefUpdate.Result.NEW, RefUpdate.Result.FAST_FORWARD, RefUpdate.Result.FORCED)
                .contains(result)) {
            throw new IllegalStateException("could not move " + refName + ": " + result);
        }
        return id.name();
    }

    @Override
    public void close() {
        repository.close();
    }
}
