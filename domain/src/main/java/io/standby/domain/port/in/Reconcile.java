package io.standby.domain.port.in;

/** On start-up: make the journal and the world agree, so exactly one healthy version serves. */
public interface Reconcile {

    /** Adopts a hand-started instance, finishes or undoes an interrupted deployment, stops orphans. */
    void reconcile();
}
