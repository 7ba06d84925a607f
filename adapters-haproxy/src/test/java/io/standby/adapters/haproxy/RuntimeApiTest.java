package io.standby.adapters.haproxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuntimeApiTest {

    @TempDir
    Path dir;

    private final ExecutorService fakeHaproxy = Executors.newSingleThreadExecutor();
    private final CountDownLatch hangUp = new CountDownLatch(1);

    @AfterEach
    void stopFake() throws InterruptedException {
        hangUp.countDown();
        fakeHaproxy.shutdownNow();
        assertThat(fakeHaproxy.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void sendsOneCommandAndReadsTheAnswerUntilHaproxyClosesTheConnection() throws Exception {
        Path socket = dir.resolve("admin.sock");
        CompletableFuture<String> received = serveOnce(socket, "1\n# be_id be_name\n3 app\n\n", true);

        String answer = new RuntimeApi(socket, Duration.ofSeconds(5)).execute("show servers state app");

        assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo("show servers state app\n");
        assertThat(answer).isEqualTo("1\n# be_id be_name\n3 app");
    }

    @Test
    void aMissingSocketFileNamesTheStatsSocketLineToAdd() {
        Path socket = dir.resolve("missing.sock");

        assertThatThrownBy(() -> new RuntimeApi(socket, Duration.ofSeconds(1)).execute("show info"))
                .isInstanceOf(RuntimeApiException.class)
                .hasMessageContaining(socket + " does not exist")
                .hasMessageContaining("stats socket " + socket + " mode 600 level admin");
    }

    @Test
    void aSocketFileNobodyListensOnMeansHaproxyIsNotRunning() throws IOException {
        Path socket = dir.resolve("stale.sock");
        // Closing a bound UNIX socket leaves its file behind, as a stopped HAProxy does.
        ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket)).close();

        assertThatThrownBy(() -> new RuntimeApi(socket, Duration.ofSeconds(1)).execute("show info"))
                .isInstanceOf(RuntimeApiException.class)
                .hasMessageContaining("connection refused")
                .hasMessageContaining("HAProxy is not running")
                .hasMessageContaining("fix: start HAProxy");
    }

    @Test
    void aHaproxyThatNeverAnswersTimesOut() throws IOException {
        Path socket = dir.resolve("silent.sock");
        serveOnce(socket, "", false);

        assertThatThrownBy(() -> new RuntimeApi(socket, Duration.ofMillis(300)).execute("show info"))
                .isInstanceOf(RuntimeApiException.class)
                .hasMessageContaining("did not answer `show info`")
                .hasMessageContaining("within 300ms");
    }

    /** A one-connection stand-in for HAProxy: reads a line, answers, and closes (or holds the line open). */
    private CompletableFuture<String> serveOnce(Path socket, String answer, boolean close) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        CompletableFuture<String> received = new CompletableFuture<>();
        fakeHaproxy.submit(() -> {
            try (server; SocketChannel client = server.accept()) {
                ByteBuffer in = ByteBuffer.allocate(1024);
                StringBuilder line = new StringBuilder();
                while (line.indexOf("\n") < 0 && client.read(in) > 0) {
                    line.append(new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
                    in.clear();
                }
                received.complete(line.toString());
                client.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.US_ASCII)));
                if (!close) {
                    hangUp.await();
                }
            } catch (IOException | InterruptedException e) {
                received.completeExceptionally(e);
            }
            return null;
        });
        return received;
    }
}
