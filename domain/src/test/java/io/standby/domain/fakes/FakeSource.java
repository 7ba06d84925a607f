package io.standby.domain.fakes;

import io.standby.domain.model.Revision;
import io.standby.domain.port.out.ReleaseSource;
import io.standby.domain.port.out.SourceUnavailableException;

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
    private Optional<String> unreachable = Optional.empty();
    private Optional<String> exportFailure = Optional.empty();
    private int commits;

    public FakeSource(FakeWorkspace workspace, Events events) {
        this.workspace = workspace;
        this.events = events;
    }

    public Revision push(String message) {
        commits++;
        String sha = HexFormat.of().formatHex(new byte[]{(byte) commits, 0x5a, 0x7b, 0x11, 0x22})
                + "0".repeat(30);
        Revision revision = new Revision(sha, "Dev <dev@example.com>", message, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(commits));
        branch.add(revision);
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
    public Optional<Revision> find(String commitId) {
        return branch.stream().filter(r -> r.sha().startsWith(commitId)).findFirst();
    }

    @Override
    public void export(Revision revision, Path directory) {
        exportFailure.ifPresent(reason -> {
            throw new SourceUnavailableException(reason);
        });
        workspace.create(directory);
        workTrees.put(directory, revision);
        events.add("export " + revision.shortSha());
    }

    @Override
    public Optional<Revision> revisionAt(Path directory) {
        return Optional.ofNullable(workTrees.get(directory));
    }
}
