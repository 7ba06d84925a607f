import com.google.inject.Guice;
import io.standby.adapters.easyswoole.EasySwooleDaemonModule;
import io.standby.adapters.easyswoole.EasySwooleSettings;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.port.out.ServiceRuntime;
import io.standby.process.ProcessRunner;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole of the daemon runtime's start (the `starting` stage less the domain's own check): EasySwooleRuntime
 * as the agent wires it, starting the sample app and stopping it again, at a number of TIME_WAIT sockets made on
 * loopback first. Run by bench/lib/ports.py with the jar on the class path, in a network namespace of its own.
 *
 * <p>Arguments: the release directory (the sample app, installed), the TIME_WAIT count, how many starts.
 */
public class StartCost {

    public static void main(String[] args) throws Exception {
        Path app = Path.of(args[0]);
        int timeWait = Integer.parseInt(args[1]);
        int starts = Integer.parseInt(args[2]);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        List<ServerSocket> targets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            targets.add(new ServerSocket(0, 50, loopback));
        }
        for (int made = 0; made < timeWait; made++) {
            ServerSocket target = targets.get(made % targets.size());
            try (Socket client = new Socket(loopback, target.getLocalPort()); Socket accepted = target.accept()) {
                client.close();
            }
        }
        long lines = 0;
        for (String table : List.of("tcp", "tcp6")) {
            try (var stream = Files.lines(Path.of("/proc/net", table))) {
                lines += stream.count() - 1;
            }
        }
        // The configuration's defaults (service.php, entry, mode) with the bench's start and stop timeouts.
        EasySwooleSettings settings = new EasySwooleSettings("php", "easyswoole.php", "produce", Duration.ofSeconds(15),
                Duration.ofSeconds(5), app.resolveSibling("logs"));
        ServiceRuntime runtime = Guice.createInjector(new EasySwooleDaemonModule(settings),
                binder -> binder.bind(ProcessRunner.class).toInstance(new ProcessRunner())).getInstance(ServiceRuntime.class);
        Revision revision = new Revision("b2c3d4e" + "0".repeat(33), "bench", "start cost", Instant.parse("2026-01-01T00:00:00Z"));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, loopback)) {
            port = free.getLocalPort();
        }
        Slot slot = new Slot("blue", port);
        List<Long> took = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            Release release = new Release(ReleaseId.of(Instant.now().plusSeconds(i), revision), revision, app);
            long began = System.nanoTime();
            Outcome started = runtime.start(release, slot);
            took.add((System.nanoTime() - began) / 1_000_000);
            Outcome stopped = runtime.stop(release, slot);
            if (!started.isDone() || !stopped.isDone()) {
                throw new IllegalStateException("start: " + started + "; stop: " + stopped);
            }
        }
        List<Long> sorted = new ArrayList<>(took);
        sorted.sort(null);
        System.out.printf("{\"time_wait\": %d, \"lines\": %d, \"start_ms\": %s, \"median_ms\": %d}%n",
                timeWait, lines, took, sorted.get(sorted.size() / 2));
    }
}
