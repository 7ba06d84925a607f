package io.standby.os;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.Optional;

/** One TCP socket as /proc/net/tcp or tcp6 lists it; {@code inode} names the socket in /proc/PID/fd. */
public record TcpSocket(InetAddress local, int localPort, InetAddress remote, int remotePort, int state, long inode) {

    private static final int ESTABLISHED = 0x01;
    private static final int LISTEN = 0x0A;

    public boolean established() {
        return state == ESTABLISHED;
    }

    public boolean listening() {
        return state == LISTEN;
    }

    /** One line of the table; empty for the header or anything else that is not a socket. */
    static Optional<TcpSocket> parse(String line) {
        String[] f = line.strip().split("\\s+");
        if (f.length < 10 || f[1].indexOf(':') < 0 || f[2].indexOf(':') < 0) {
            return Optional.empty();
        }
        try {
            String[] local = f[1].split(":");
            String[] remote = f[2].split(":");
            return Optional.of(new TcpSocket(address(local[0]), Integer.parseInt(local[1], 16),
                    address(remote[0]), Integer.parseInt(remote[1], 16), Integer.parseInt(f[3], 16), Long.parseLong(f[9])));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    // The kernel prints each 32-bit word of the address as a number in the machine's own byte order.
    private static InetAddress address(String hex) {
        if (hex.length() != 8 && hex.length() != 32) {
            throw new IllegalArgumentException("not an address in /proc/net/tcp: " + hex);
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            long value = Long.parseLong(hex.substring(word * 8, word * 8 + 8), 16);
            for (int b = 0; b < 4; b++) {
                int shift = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 8 * b : 8 * (3 - b);
                bytes[word * 4 + b] = (byte) (value >>> shift);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address in /proc/net/tcp: " + hex, e);
        }
    }
}
