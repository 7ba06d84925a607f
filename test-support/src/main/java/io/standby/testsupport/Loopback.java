package io.standby.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Ports on 127.0.0.1, where every server a test starts listens. */
public final class Loopback {

    private static final String ADDRESS = "127.0.0.1";

    private Loopback() {
    }

    /** A port nobody listens on right now, for a server the test is about to start there. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(ADDRESS), 0), 1);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Holds the port as another program would, bound and listening on 127.0.0.1, until closed. */
    public static ServerSocket hold(int port) {
        try {
            return new ServerSocket(port, 1, InetAddress.getByName(ADDRESS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether something accepts connections on the port right now. */
    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ADDRESS, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
