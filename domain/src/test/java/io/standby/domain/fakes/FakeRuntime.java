package io.standby.domain.fakes;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.port.out.ServiceRuntime;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Instances as entries in a map: slot to the release running there. */
public final class FakeRuntime implements ServiceRuntime {

    private final Map<Slot, Release> running = new HashMap<>();
    private final Map<Slot, Path> foreign = new HashMap<>();
    private final Map<String, String> bootFailures = new HashMap<>();
    private final Events events;

    public FakeRuntime(Events events) {
        this.events = events;
    }

    public void failBootOf(Revision revision, String reason) {
        bootFailures.put(revision.sha(), reason);
    }

    /** A process Standby did not start holds the slot's port. */
    public void occupyByForeignProcess(Slot slot, Path directory) {
        foreign.put(slot, directory);
    }

    /** The foreign process on the slot's port went away. */
    public void vacate(Slot slot) {
        foreign.remove(slot);
    }

    /** An instance that runs without Standby having started it in this life: a hand-start, or an orphan. */
    public void alreadyRunning(Release release, Slot slot) {
        running.put(slot, release);
    }

    public Optional<Release> runningIn(Slot slot) {
        return Optional.ofNullable(running.get(slot));
    }

    @Override
    public Outcome start(Release release, Slot slot) {
        events.add("start " + release.revision().shortSha() + " " + slot.name());
        if (isListening(slot)) {
            return Outcome.failed("port " + slot.port() + " is in use");
        }
        String failure = bootFailures.get(release.revision().sha());
        if (failure != null) {
            return Outcome.failed(failure);
        }
        running.put(slot, release);
        return Outcome.done();
    }

    @Override
    public Outcome stop(Release release, Slot slot) {
        Release there = running.get(slot);
        if (there != null && there.directory().equals(release.directory())) {
            running.remove(slot);
            events.add("stop " + release.revision().shortSha() + " " + slot.name());
        }
        return Outcome.done();
    }

    @Override
    public boolean isListening(Slot slot) {
        return running.containsKey(slot) || foreign.containsKey(slot);
    }

    @Override
    public Optional<Path> locate(Slot slot) {
        if (foreign.containsKey(slot)) {
            return Optional.of(foreign.get(slot));
        }
        return Optional.ofNullable(running.get(slot)).map(Release::directory);
    }
}
