package io.standby.domain.fakes;

import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.port.out.ReleaseWorkspace;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Release directories that exist only in memory. */
public final class FakeWorkspace implements ReleaseWorkspace {

    private final Path root = Path.of("/srv/app/releases");
    private final Set<Path> present = new HashSet<>();
    private final Events events;

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
