package io.standby.domain.fakes;

import io.standby.domain.model.Revision;
import io.standby.domain.port.out.ReleaseSource;
import io.standby.domain.port.out.SourceUnavailableException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A branch held in memory: push commits, make it unreachable, see what was exported. */
public final class FakeSource implements ReleaseSource {

    private final FakeWorkspace workspace;
    private final Events events;
    private final List<Revision> branch = new ArrayList<>();
    private final Map<Path, Revision> workTrees = new HashMap<>();
    private final Map<String, Map<String, String>> filesBySha = new HashMap<>();
    private Optional<String> unreachable = Optional.empty();
    private Optional<String> exportFailure = Optional.empty();
    private int commits;

    public FakeSource(FakeWorkspace workspace, Events events) {
        this.workspace = workspace;
        this.events = events;
    }

    public Revision push(String message) {
        return commit(Map.of(), message);
    }

    /** A commit that changes files: an export writes the whole tree as of that commit to disk. */
    public Revision commit(Map<String, String> changes, String message) {
        Map<String, String> tree = new HashMap<>(branch.isEmpty() ? Map.of() : filesBySha.get(branch.get(branch.size() - 1).sha()));
        tree.putAll(changes);
        commits++;
        // The first ten digits repeat every 256 commits, as short ids come to in a large repository; the rest, which
        // round of 256 it is with its lowest digit first, keeps ids unique and tells repeats apart at the eleventh.
        String sha = HexFormat.of().formatHex(new byte[]{(byte) commits, 0x5a, 0x7b, 0x11, 0x22})
                + new StringBuilder(String.format("%030x", commits / 256)).reverse();
        Revision revision = new Revision(sha, "Dev <dev@example.com>", message, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(commits));
        branch.add(revision);
        filesBySha.put(sha, Map.copyOf(tree));
        return revision;
    }

    public void unreachable(String reason) {
        unreachable = Optional.of(reason);
    }

    public void reachable() {
        unreachable = Optional.empty();
    }

    public void failExports(String reason) {
        exportFailure = Optional.of(reason);
    }

    /** A hand-made deployment: a git work tree at the directory. */
    public void workTree(Path directory, Revision revision) {
        workTrees.put(directory, revision);
    }

    @Override
    public Revision newest() {
        unreachable.ifPresent(reason -> {
            throw new SourceUnavailableException(reason);
        });
        if (branch.isEmpty()) {
            throw new SourceUnavailableException("the branch has no commits yet: push one");
        }
        return branch.get(branch.size() - 1);
    }

    @Override
    public List<Revision> find(String commitId) {
        if (!commitId.matches("[0-9a-f]{4,40}")) {
            return List.of();
        }
        return branch.stream().filter(r -> r.sha().startsWith(commitId)).toList();
    }

    @Override
    public void export(Revision revision, Path directory) {
        exportFailure.ifPresent(reason -> {
            throw new SourceUnavailableException(reason);
        });
        writeFiles(revision, directory);
        workspace.create(directory);
        workTrees.put(directory, revision);
        events.add("export " + revision.shortSha());
    }

    private void writeFiles(Revision revision, Path directory) {
        Map<String, String> tree = filesBySha.getOrDefault(revision.sha(), Map.of());
        try {
            if (Files.isDirectory(directory)) {
                try (var entries = Files.list(directory)) {
                    if (entries.findAny().isPresent()) {
                        throw new SourceUnavailableException(directory + " is not empty: a release is written into a new directory");
                    }
                }
            }
            if (tree.isEmpty()) {
                return; // a commit made by push(message) has no files: nothing touches the disk
            }
            for (var file : tree.entrySet()) {
                Path target = directory.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
            Files.writeString(directory.resolve("REVISION"), revision.sha() + "\n");
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot write " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Revision> revisionAt(Path directory) {
        return Optional.ofNullable(workTrees.get(directory));
    }
}
