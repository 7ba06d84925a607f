package io.standby.domain.fakes;

import java.util.ArrayList;
import java.util.List;

/** What the fake world saw happen, in order: lets a test say "the old release stopped after the switch". */
public final class Events {

    private final List<String> seen = new ArrayList<>();

    public synchronized void add(String event) {
        seen.add(event);
    }

    public synchronized List<String> all() {
        return List.copyOf(seen);
    }

    public synchronized int indexOf(String event) {
        return seen.indexOf(event);
    }
}
