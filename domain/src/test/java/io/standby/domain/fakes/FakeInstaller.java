package io.standby.domain.fakes;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;
import io.standby.domain.model.Revision;
import io.standby.domain.port.out.DependencyInstaller;

import java.util.HashMap;
import java.util.Map;

/** Installs instantly, except revisions told to fail. */
public final class FakeInstaller implements DependencyInstaller {

    private final Map<String, String> failures = new HashMap<>();
    private final Events events;

    public FakeInstaller(Events events) {
        this.events = events;
    }

    public void failFor(Revision revision, String reason) {
        failures.put(revision.sha(), reason);
    }

    @Override
    public Outcome install(Release release) {
        events.add("install " + release.revision().shortSha());
        String failure = failures.get(release.revision().sha());
        return failure == null ? Outcome.done() : Outcome.failed(failure);
    }
}
