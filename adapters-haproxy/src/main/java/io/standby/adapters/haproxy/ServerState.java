package io.standby.adapters.haproxy;

/**
 * One server's line of `show servers state`: what an operator and the router need to know about it.
 *
 * @param name        the server's name in its backend
 * @param operational srv_op_state: 0 stopped, 1 starting, 2 running, 3 stopping
 * @param admin       srv_admin_state: the flags set by the configuration and the runtime API
 * @param checkState  srv_check_state: whether health checks are configured, enabled, paused
 * @param checkResult srv_check_result: 0 unknown, 1 neutral, 2 failed, 3 passed, 4 passed on condition
 * @param port        srv_port: the port HAProxy forwards to
 */
record ServerState(String name, int operational, int admin, int checkState, int checkResult, int port) {

    // Flags of HAProxy 2.6's enum srv_admin (include/haproxy/server-t.h). CMAINT (0x04) is deliberately not
    // among them: it only remembers that the config said `disabled` and stays set after `state ready`.
    private static final int ANY_MAINT = 0x01 | 0x02 | 0x20;
    private static final int ANY_DRAIN = 0x08 | 0x10;
    private static final int CHECK_CONFIGURED = 0x02;
    private static final int RUNNING = 2;
    private static final int STARTING = 1;
    private static final int PASSED = 3;
    private static final int CONDITIONALLY_PASSED = 4;

    /** Whether HAProxy may send new requests to it: neither in maintenance nor draining. */
    boolean ready() {
        return (admin & (ANY_MAINT | ANY_DRAIN)) == 0;
    }

    boolean inMaintenance() {
        return (admin & ANY_MAINT) != 0;
    }

    boolean draining() {
        return !inMaintenance() && (admin & ANY_DRAIN) != 0;
    }

    /** Whether HAProxy considers it up, as far as its operational state goes. */
    boolean up() {
        return operational == RUNNING || operational == STARTING;
    }

    /**
     * Up, and vouched for by a health check since it was last enabled. A server leaving maintenance is marked up
     * before any check ran (result "unknown"); waiting for a passed check is what makes the switch verified.
     */
    boolean confirmedUp() {
        boolean checked = (checkState & CHECK_CONFIGURED) != 0;
        return up() && (!checked || checkResult == PASSED || checkResult == CONDITIONALLY_PASSED);
    }

    /** The admin state in the words of the runtime API's `set server ... state`. */
    String adminWord() {
        if (inMaintenance()) {
            return "maint";
        }
        return draining() ? "drain" : "ready";
    }

    String describe() {
        String health = switch (operational) {
            case 0 -> "down";
            case 1 -> "starting";
            case 2 -> "up";
            case 3 -> "stopping";
            default -> "operational state " + operational;
        };
        return name + " (port " + port + ", " + adminWord() + ", " + health + ")";
    }
}
