package io.standby.app.fleet;

import io.standby.testsupport.Loopback;
import io.standby.testsupport.Pids;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A real ZooKeeper server from Debian's `zookeeper` package (bin/setup-machine installs it), standalone on loopback,
 * its data in the test's directory, stopped by PID (register it with the test's Scratch). A tick of 500 ms lets sessions be as short as 1 s and as long as 10 s.
 */
final class DebianZooKeeper implements AutoCloseable {

    private static final Path JAR = Path.of("/usr/share/java/zookeeper.jar");

    final int port = Loopback.freePort();
    private final Process server;

    DebianZooKeeper(Path dir) {
        if (!Files.isReadable(JAR)) {
            throw new IllegalStateException(JAR + " is missing: install Debian's zookeeper package (bin/setup-machine does)");
        }
        try {
            Files.createDirectories(dir.resolve("data"));
            Path config = Files.writeString(dir.resolve("zoo.cfg"), "tickTime=500\ndataDir=" + dir.resolve("data")
                    + "\nclientPort=" + port + "\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n");
            server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:+UseSerialGC", "-cp", JAR.toString(),
                    "org.apache.zookeeper.server.ZooKeeperServerMain", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("zookeeper.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Loopback.listening(port));
    }

    String connectString() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        Pids.killTree(server.pid());
    }
}
