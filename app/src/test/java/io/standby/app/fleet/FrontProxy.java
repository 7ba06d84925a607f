package io.standby.app.fleet;

import io.standby.app.it.ProxyAnswer;
import io.standby.app.it.Sandbox;
import io.standby.testsupport.Haproxy;
import io.standby.testsupport.Loopback;
import io.standby.testsupport.Scratch;

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
        // The stats socket is how the test's Haproxy knows the daemon is up.
        Sandbox.writeTo(config, """
                global
                    stats socket %s mode 600 level admin

                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                    timeout http-keep-alive 10s
                    http-reuse safe

                frontend front
                    bind 127.0.0.1:%d
                    default_backend fleet

                backend fleet
                    balance roundrobin
                %s
                """.formatted(socket, port, backends));
        scratch.own(Haproxy.of(config, socket)).start();
        Sandbox.awaitListening(port);
    }

    /** The status and body a proxy on this port answers for GET /, or the failure. */
    static String get(int port) {
        return ProxyAnswer.get(port, "/", Duration.ofSeconds(5));
    }
}
