package io.standby.app.cli;

import io.standby.adapters.haproxy.MinimalHaproxyConfig;
import io.standby.app.config.StandbyConfig;
import io.standby.app.wiring.JournalReports;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Slots;
import io.standby.domain.port.in.RequestRefusedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** Prints the smallest haproxy.cfg the HAProxy router can steer, for this application's slots and socket. */
@Command(name = "haproxy-config", description = "Print a minimal haproxy.cfg for router.kind: haproxy: one frontend,"
        + " one backend with a server per slot (the idle one disabled) and the admin socket Standby switches through.")
final class HaproxyConfigCommand implements Callable<Integer> {

    @ParentCommand
    StandbyCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = ":80",
            description = "Where the frontend listens, as HAProxy's bind takes it (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--live", paramLabel = "SLOT",
            description = "The slot that serves when HAProxy starts: blue or green (default: the live release's slot in"
                    + " the journal, blue if none).")
    String live;

    @Override
    public Integer call() {
        StandbyConfig config = root.loadConfig();
        if (config.router().kind() != StandbyConfig.RouterKind.HAPROXY) {
            throw new RequestRefusedException("haproxy-config prints the set-up for router.kind: haproxy; set it, with"
                    + " router.haproxy's socket, backend and config-file, first");
        }
        StandbyConfig.Haproxy haproxy = config.router().haproxy();
        Slots slots = Slots.of(config.slots().blue(), config.slots().green());
        if (!haproxy.blueServer().equals(slots.blue().name()) || !haproxy.greenServer().equals(slots.green().name())) {
            throw new RequestRefusedException("haproxy-config names the backend's servers after the slots (blue, green),"
                    + " but router.haproxy names them " + haproxy.blueServer() + " and " + haproxy.greenServer()
                    + ": leave blue-server and green-server out, or write the backend by hand");
        }
        // A configuration written for a server that already releases must route to what serves there now.
        String serving = live != null ? live
                : JournalReports.of(config).status().live().map(l -> l.slot().name()).orElse(slots.blue().name());
        Slot first = slots.byName(serving).orElseThrow(() -> new RequestRefusedException(
                "--live must be blue or green, got '" + serving + "'"));
        String text;
        try {
            text = new MinimalHaproxyConfig(bind, haproxy.socket(), haproxy.backend(), slots, first).render();
        } catch (IllegalArgumentException e) {
            throw new RequestRefusedException(e.getMessage());
        }
        var out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
        return ExitCodes.OK;
    }
}
