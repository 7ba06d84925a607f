package io.standby.adapters.haproxy;

import io.standby.domain.model.Durations;
import io.standby.os.Deadline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * HAProxy's runtime API on its stats socket: one command per connection, answer read until HAProxy closes it.
 * Non-interactive mode keeps the protocol trivial: no prompt to parse, EOF ends the answer.
 */
final class RuntimeApi {

    private final Path socket;
    private final Duration timeout;

    RuntimeApi(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** Sends one command and returns HAProxy's answer, without the trailing blank line. */
    String execute(String command) {
        if (command.contains("\n")) {
            throw new IllegalArgumentException("one runtime API command per call, got: " + command);
        }
        if (!Files.exists(socket)) {
            throw RuntimeApiException.unreachable("HAProxy's admin socket " + socket + " does not exist: HAProxy is not running,"
                    + " or its config has no `stats socket " + socket + " mode 600 level admin` line in `global`;"
                    + " fix: add that line and reload HAProxy, or set the socket path to the one HAProxy uses", null);
        }
        Deadline deadline = Deadline.after(timeout);
        try (SocketChannel channel = connect()) {
            channel.configureBlocking(false);
            try (Selector selector = Selector.open()) {
                write(channel, selector, (command + "\n").getBytes(StandardCharsets.US_ASCII), deadline, command);
                return read(channel, selector, deadline, command).stripTrailing();
            }
        } catch (IOException e) {
            throw RuntimeApiException.unreachable("the HAProxy runtime API on " + socket + " failed during `" + command + "`: "
                    + e.getMessage() + "; fix: check that HAProxy is running and healthy (`echo 'show info' | socat stdio "
                    + socket + "`)", e);
        }
    }

    private SocketChannel connect() {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException e) {
            closeQuietly(channel);
            throw connectFailure(e);
        }
    }

    private RuntimeApiException connectFailure(IOException e) {
        String reason = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof ConnectException || reason.contains("refused")) {
            return RuntimeApiException.unreachable("nothing listens on HAProxy's admin socket " + socket + " (connection refused):"
                    + " HAProxy is not running and the file is left over from a stopped HAProxy;"
                    + " fix: start HAProxy (e.g. `systemctl start haproxy`)", e);
        }
        if (e instanceof SocketException && reason.contains("permission denied")) {
            return RuntimeApiException.unreachable("the agent may not open HAProxy's admin socket " + socket + " (permission denied);"
                    + " fix: run the agent as the socket's owner, or give the socket a group the agent is in"
                    + " (`stats socket " + socket + " mode 660 group <group> level admin`)", e);
        }
        return RuntimeApiException.unreachable("could not connect to HAProxy's admin socket " + socket + ": " + e.getMessage()
                + "; fix: check that HAProxy is running and that the path is its `stats socket`", e);
    }

    private void write(SocketChannel channel, Selector selector, byte[] bytes, Deadline deadline, String command)
            throws IOException {
        ByteBuffer out = ByteBuffer.wrap(bytes);
        SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
        while (out.hasRemaining()) {
            channel.write(out);
            if (out.hasRemaining()) {
                await(selector, deadline, command);
            }
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    private String read(SocketChannel channel, Selector selector, Deadline deadline, String command) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        while (true) {
            int n = channel.read(in);
            if (n < 0) {
                return answer.toString(StandardCharsets.UTF_8);
            }
            if (n == 0) {
                await(selector, deadline, command);
                continue;
            }
            answer.write(in.array(), 0, in.position());
            in.clear();
        }
    }

    private void await(Selector selector, Deadline deadline, String command) throws IOException {
        if (deadline.expired()) {
            throw RuntimeApiException.unreachable("HAProxy did not answer `" + command + "` on " + socket + " within "
                    + Durations.human(timeout) + "; fix: check that HAProxy is not overloaded or stuck, or raise the timeout", null);
        }
        selector.select(Math.max(1, deadline.remaining().toMillis()));
        selector.selectedKeys().clear();
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already failing to connect; the connect error is the one worth reporting.
        }
    }
}
