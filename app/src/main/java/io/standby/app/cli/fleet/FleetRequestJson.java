package io.standby.app.cli.fleet;

/**
 * What {@code standby fleet promote|pause|resume|abort --json} prints: the command left for the leader. A contract with
 * scripts: fields are added, never renamed or removed, without a new {@code format}.
 *
 * @param fleet   the fleet's name
 * @param command {@code promote}, {@code pause}, {@code resume} or {@code abort}
 * @param rollout the id of the rollout the command is for; the leader ignores it for any other
 * @param reason  the operator's reason (abort only; empty otherwise)
 */
record FleetRequestJson(int format, String fleet, String command, String rollout, String reason) {

    static final int FORMAT = 1;
}
