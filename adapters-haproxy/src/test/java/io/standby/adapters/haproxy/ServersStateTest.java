package io.standby.adapters.haproxy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServersStateTest {

    // Captured from HAProxy 2.6.12: blue ready and up; green disabled in the config.
    private static final String ANSWER = """
            1
            # be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight \
            srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state \
            srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port \
            srv_check_addr srv_agent_addr srv_agent_port
            3 app 1 blue 127.0.0.1 2 0 1 1 4 6 3 4 6 0 0 0 - 19501 - 0 0 - - 0
            3 app 2 green 127.0.0.1 0 5 1 1 8 1 0 0 14 0 0 0 - 19502 - 0 0 - - 0

            """;

    @Test
    void readsEachServersStateByColumnName() {
        ServersState state = ServersState.parse("app", ANSWER);

        ServerState blue = state.server("blue").orElseThrow();
        ServerState green = state.server("green").orElseThrow();
        assertThat(blue.ready()).isTrue();
        assertThat(blue.confirmedUp()).isTrue();
        assertThat(blue.port()).isEqualTo(19501);
        assertThat(green.ready()).isFalse();
        assertThat(green.adminWord()).isEqualTo("maint");
        assertThat(green.up()).isFalse();
    }

    @Test
    void aServerEnabledFromTheConfigsDisabledIsReadyAlthoughItKeepsTheConfigFlag() {
        // After `set server app/green state ready`: admin 4 is CMAINT only, which HAProxy keeps as a memory.
        ServerState green = new ServerState("green", 2, 0x04, 6, 3, 19502);

        assertThat(green.ready()).isTrue();
        assertThat(green.adminWord()).isEqualTo("ready");
    }

    @Test
    void aServerJustOutOfMaintenanceIsNotConfirmedUntilACheckPasses() {
        ServerState unchecked = new ServerState("green", 2, 0x04, 6, 0, 19502);
        ServerState withoutChecks = new ServerState("green", 2, 0, 0, 0, 19502);

        assertThat(unchecked.up()).isTrue();
        assertThat(unchecked.confirmedUp()).isFalse();
        assertThat(withoutChecks.confirmedUp()).isTrue();
    }

    @Test
    void drainIsNeitherReadyNorMaintenance() {
        ServerState draining = new ServerState("blue", 2, 0x08, 6, 3, 19501);

        assertThat(draining.ready()).isFalse();
        assertThat(draining.draining()).isTrue();
        assertThat(draining.adminWord()).isEqualTo("drain");
    }

    @Test
    void anAnswerWithoutServerListIsAnError() {
        assertThatThrownBy(() -> ServersState.parse("app", "Unknown command\n"))
                .isInstanceOf(RuntimeApiException.class)
                .hasMessageContaining("instead of a server list");
    }

    @Test
    void statsFindTheServersSessionsEvenWhenACheckReplyHoldsCommas() {
        String csv = "# pxname,svname,qcur,qmax,scur,smax,status,check_status,check_desc\n"
                + "app,blue,1,0,3,9,DRAIN,L7STS,\"HTTP status check returned code <503>, \"\"busy\"\"\"\n"
                + "app,green,0,0,0,0,UP,L7OK,Layer7 check passed\n"
                + "app,BACKEND,0,0,3,9,UP,,\n";

        ServerStats blue = ServerStats.find(csv, "app", "blue").orElseThrow();
        assertThat(blue.sessions()).isEqualTo(3);
        assertThat(blue.queued()).isEqualTo(1);
        assertThat(blue.checkDetail()).isEqualTo("HTTP status check returned code <503>, \"busy\"");
        assertThat(ServerStats.find(csv, "app", "yellow")).isEmpty();
    }
}
