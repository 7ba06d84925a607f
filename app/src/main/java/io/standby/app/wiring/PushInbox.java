package io.standby.app.wiring;

import io.standby.domain.port.out.Pushes;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where the listener's thread leaves word of a push for the thread that reads the branch (the poller, or the fleet's
 * leader), so that the release the read starts says a push started it. Several pushes before one read come to one.
 */
final class PushInbox implements Pushes {

    private final AtomicBoolean arrived = new AtomicBoolean();

    void arrive() {
        arrived.set(true);
    }

    @Override
    public boolean takeArrived() {
        return arrived.getAndSet(false);
    }
}
