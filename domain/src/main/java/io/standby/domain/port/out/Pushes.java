package io.standby.domain.port.out;

/**
 * The forge's word that the followed branch moved, as its push webhook announced it. A hint only: the branch is read
 * from the repository all the same; what a push changes is when it is read, and what the release it starts says of
 * itself.
 */
@FunctionalInterface
public interface Pushes {

    /** An agent without a push hook: no push ever arrives. */
    Pushes NONE = () -> false;

    /** Whether a push arrived since the last call; the call takes it, so that one push starts one read of the branch. */
    boolean takeArrived();
}
