package io.standby.app.wiring;

/**
 * Word from the forge that the followed branch moved. Only a hint: it ends the wait before the next poll, and the
 * poll reads the branch head from the repository itself. Pushes that arrive while a release is under way, or many
 * at once, make one poll as soon as the agent is between releases, which then releases only the newest head.
 */
public interface PushSignal {

    /** Returns at once. */
    void pushed();
}
