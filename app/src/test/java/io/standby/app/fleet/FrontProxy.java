package io.standby.app.fleet;

import io.standby.app.it.ProxyAnswer;
import io.standby.app.it.Sandbox;
import io.standby.testsupport.Haproxy;
import io.standby.testsupport.Loopback;
import io.standby.testsupport.Scratch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The load balancer in front of a fleet: one HAProxy spreading keep-alive requests over every server's own proxy,
 * owned by the test's {@link Scratch}.
 */
final class FrontProxy {

    final int port = Loopback.freePort();

    FrontProxy(Scratch scratch, List<FleetServer> servers) {
        Path dir = scratch.dir().resolve("front");
        Path socket = dir.resolve("admin.sock");
        String backends = servers.stream().map(s -> "    server " + s.name + " 127.0.0.1:" + s.proxyPort + " check")
                .collect(Collectors.joining("\n"));
        Path config = dir.resolve("haproxy.cfg");
        Sandbox.writeTo(config, template().replace("${socket}", socket.toString())
                .replace("${port}", Integer.toString(port)).replace("${servers}", backends));
        scratch.own(Haproxy.of(config, socket)).start();
        Sandbox.awaitListening(port);
    }

    /** test-support's front-haproxy.cfg, which the bench and bin/demo-fleet fill in too. */
    private static String template() {
        try (InputStream in = Haproxy.class.getResourceAsStream("front-haproxy.cfg")) {
            if (in == null) {
                throw new IllegalStateException("test-support has no io/standby/testsupport/front-haproxy.cfg");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status and body a proxy on this port answers for GET /, or the failure. */
    static String get(int port) {
        return ProxyAnswer.get(port, "/", Duration.ofSeconds(5));
    }
}
