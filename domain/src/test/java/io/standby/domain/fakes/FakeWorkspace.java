package io.standby.domain.fakes;

import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.port.out.ReleaseWorkspace;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Role;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;

/** Release directories that exist only in memory. */
public final class FakeWorkspace implements ReleaseWorkspace {

    private final Path root = Path.of("/srv/app/releases");
    private final Set<Path> present = new HashSet<>();
    private final Events events;
    private final Map<ReleaseId, Role> roles = new HashMap<>();
    private String unpreparable = "";

    public FakeWorkspace(Events events) {
        this.events = events;
    }

    @Override
    public Path directoryOf(ReleaseId id) {
        return root.resolve(id.value());
    }

    @Override
    public boolean exists(ReleaseId id) {
        return present.contains(directoryOf(id));
    }

    @Override
    public Outcome prepare(Release release) {
        events.add("prepare " + release.revision().shortSha());
        return unpreparable.isEmpty() ? Outcome.done() : Outcome.failed(unpreparable);
    }

    @Override
    public Outcome mark(Release release, Role role) {
        roles.put(release.id(), role);
        return Outcome.done();
    }

    /** Preparing fails with this reason from now on (a shared file missing, say). */
    public void failPreparing(String reason) {
        unpreparable = reason;
    }

    /** The part a release was last marked as playing. */
    public Optional<Role> roleOf(Release release) {
        return Optional.ofNullable(roles.get(release.id()));
    }

    @Override
    public void remove(Release release) {
        present.remove(directoryOf(release.id()));
        events.add("remove " + release.id());
    }

    void create(Path directory) {
        present.add(directory);
    }

    public Set<ReleaseId> present() {
        return present.stream().filter(p -> p.getParent().equals(root))
                .map(p -> new ReleaseId(p.getFileName().toString())).collect(java.util.stream.Collectors.toSet());
    }
}
