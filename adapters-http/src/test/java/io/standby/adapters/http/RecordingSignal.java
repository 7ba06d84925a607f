package io.standby.adapters.http;

import java.util.concurrent.atomic.AtomicInteger;

/** The poller's side of a push, as the app's clock has it: it only counts the pushes it was told of. */
final class RecordingSignal implements PushSignal {

    private final AtomicInteger pushes = new AtomicInteger();

    @Override
    public void pushed() {
        pushes.incrementAndGet();
    }

    int told() {
        return pushes.get();
    }

    /** Whether a push was told since the last call, as the poller's pause consumes it. */
    boolean takePush() {
        return pushes.getAndSet(0) > 0;
    }
}
