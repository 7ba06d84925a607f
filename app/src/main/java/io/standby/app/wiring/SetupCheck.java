package io.standby.app.wiring;

import com.google.inject.Injector;
import io.standby.adapters.easyswoole.SupervisordCheck;
import io.standby.adapters.nginx.NginxConfigCheck;
import io.standby.app.config.StandbyConfig;
import io.standby.app.state.FileSystemWorkspace;
import io.standby.app.state.IoFailures;
import io.standby.app.state.StateFiles;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Slots;
import io.standby.domain.port.out.ServiceRuntime;
import io.standby.domain.port.out.TrafficRouter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What must hold before the agent touches anything: directories it can write, a proxy it can read and that
 * is set up for the chosen mode. Each problem names its cause and its fix.
 */
public final class SetupCheck {

    private final StandbyConfig config;
    private final Injector injector;

    public SetupCheck(StandbyConfig config, Injector injector) {
        this.config = config;
        this.injector = injector;
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        writable("state-dir", config.stateDir(), problems);
        writable("releases-dir", config.releasesDir(), problems);
        try {
            injector.getInstance(TrafficRouter.class).current();
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        if (config.router().kind() == StandbyConfig.RouterKind.NGINX) {
            problems.addAll(injector.getInstance(NginxConfigCheck.class).problems());
        }
        if (config.service().runtime() == StandbyConfig.RuntimeKind.SUPERVISORD) {
            problems.addAll(injector.getInstance(SupervisordCheck.class).problems());
        }
        return problems;
    }

    /**
     * What the next release needs that may still be put in place after the agent starts, for check-config: a running
     * proxy to switch, the shared files every release links to.
     */
    public List<String> releaseProblems() {
        List<String> problems = new ArrayList<>();
        if (config.router().kind() == StandbyConfig.RouterKind.NGINX) {
            injector.getInstance(NginxConfigCheck.class).masterProblem().ifPresent(problems::add);
        }
        injector.getInstance(FileSystemWorkspace.class).missingSharedFile().ifPresent(problems::add);
        return problems;
    }

    /** Ports held by something else, for check-config to report; a release into a held port would fail. */
    public List<String> heldIdlePorts(Slot live) {
        ServiceRuntime runtime = injector.getInstance(ServiceRuntime.class);
        Slots slots = injector.getInstance(Slots.class);
        Slot idle = slots.other(live);
        if (!runtime.isListening(idle)) {
            return List.of();
        }
        return List.of("port " + idle.port() + " of the idle slot " + idle.name() + " is in use"
                + runtime.locate(idle).map(d -> " by an instance in " + d).orElse(" by a process Standby did not start")
                + ": stop it, or give the " + idle.name() + " slot a free port");
    }

    private static void writable(String key, Path dir, List<String> problems) {
        try {
            StateFiles.ensureDirectory(dir);
            Path probe = Files.createTempFile(dir, ".standby-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            problems.add(key + " " + dir + " is not writable (" + IoFailures.describe(e)
                    + "): create it and give the agent's user write access, or point " + key + " elsewhere");
        } catch (SecurityException e) {
            problems.add(key + " " + dir + " is not writable (" + e.getMessage()
                    + "): create it and give the agent's user write access, or point " + key + " elsewhere");
        }
    }
}
