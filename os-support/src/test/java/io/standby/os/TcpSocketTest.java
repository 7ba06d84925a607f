package io.standby.os;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Lines of /proc/net/tcp and tcp6 as a little-endian kernel prints them. */
class TcpSocketTest {

    @Test
    void readsAnEstablishedIpv4Connection() throws IOException {
        assumeThat(ByteOrder.nativeOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);

        TcpSocket socket = TcpSocket.parse(
                "   1: 0100007F:C350 0100007F:251D 01 00000000:00000000 00:00000000 00000000     0        0 45678 1 0 20 4 30 10 -1")
                .orElseThrow();

        assertThat(socket.established()).isTrue();
        assertThat(socket.remotePort()).isEqualTo(9501);
        assertThat(socket.localPort()).isEqualTo(50000);
        assertThat(socket.inode()).isEqualTo(45678);
        assertThat(socket.remote()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void readsIpv4MappedAndIpv6LoopbackFromTheTcp6Table() throws IOException {
        assumeThat(ByteOrder.nativeOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);

        TcpSocket mapped = TcpSocket.parse("  0: 0000000000000000FFFF00000100007F:C350 0000000000000000FFFF00000100007F:251E "
                + "01 00000000:00000000 00:00000000 00000000     0        0 111 1 0 20 4 30 10 -1").orElseThrow();
        TcpSocket loopback = TcpSocket.parse("  1: 00000000000000000000000001000000:C351 00000000000000000000000001000000:251E "
                + "01 00000000:00000000 00:00000000 00000000     0        0 112 1 0 20 4 30 10 -1").orElseThrow();

        assertThat(mapped.remote()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(mapped.remotePort()).isEqualTo(9502);
        assertThat(loopback.remote()).isEqualTo(InetAddress.getByName("::1"));
    }

    @Test
    void tellsListeningSocketsFromConnections() {
        TcpSocket listening = TcpSocket.parse(
                "   0: 00000000:251D 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0").orElseThrow();
        TcpSocket closing = TcpSocket.parse(
                "   2: 0100007F:C350 0100007F:251D 06 00000000:00000000 03:00000F5A 00000000     0        0 0 3 0").orElseThrow();

        assertThat(listening.listening()).isTrue();
        assertThat(listening.localPort()).isEqualTo(9501);
        assertThat(closing.listening()).isFalse();
        assertThat(closing.established()).isFalse();
    }

    @Test
    void theHeaderIsNoSocket() {
        assertThat(TcpSocket.parse("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode")).isEmpty();
        assertThat(TcpSocket.parse("")).isEmpty();
    }
}
