package io.standby.app.fleet;

import io.standby.app.it.Programs;
import io.standby.app.it.Sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The load balancer in front of a fleet: one HAProxy spreading keep-alive requests over every server's own proxy. */
final class FrontProxy implements AutoCloseable {

    final int port = Sandbox.freePort();
    private final Path dir;

    FrontProxy(Path dir, List<FleetServer> servers) {
        this.dir = dir;
        String backends = servers.stream().map(s -> "    server " + s.name + " 127.0.0.1:" + s.proxyPort + " check")
                .collect(Collectors.joining("\n"));
        Sandbox.writeTo(dir.resolve("front.cfg"), """
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
                """.formatted(port, backends));
        Programs.runOrFail(dir, Duration.ofMinutes(1), List.of(haproxy(), "-D", "-f", dir.resolve("front.cfg").toString(),
                "-p", dir.resolve("front.pid").toString()));
        Sandbox.awaitListening(port);
    }

    /** The status and body a proxy on this port answers for GET /, or the failure. */
    static String get(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body().strip();
        } catch (IOException e) {
            return "failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String haproxy() {
        return Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
    }

    @Override
    public void close() {
        Path pids = dir.resolve("front.pid");
        if (Files.exists(pids)) {
            Sandbox.read(pids).lines().map(String::strip).filter(pid -> pid.matches("\\d+")).map(Long::parseLong)
                    .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }
}
