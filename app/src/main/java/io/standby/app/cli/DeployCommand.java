package io.standby.app.cli;

import com.google.inject.Injector;
import io.standby.app.config.StandbyConfig;
import io.standby.app.state.AgentLock;
import io.standby.app.wiring.Wiring;
import io.standby.domain.model.Deployment;
import io.standby.domain.port.in.DeployRelease;
import io.standby.domain.port.in.Reconcile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Optional;
import java.util.concurrent.Callable;

/** One release now, of the branch's newest commit or of a named one. */
@Command(name = "deploy", description = "Release now: the branch's newest commit, or --revision SHA (even one that failed before).")
final class DeployCommand implements Callable<Integer> {

    @ParentCommand
    StandbyCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--revision", paramLabel = "SHA", description = "The commit to release (full or abbreviated id).")
    String revision;

    @Override
    public Integer call() {
        StandbyConfig config = root.loadConfig();
        try (AgentLock lock = AgentLock.acquire(config.stateDir(), "deploy")) {
            Injector injector = Wiring.agent(config);
            injector.getInstance(Reconcile.class).reconcile();
            Deployment ended = injector.getInstance(DeployRelease.class).deploy(Optional.ofNullable(revision));
            return Outcomes.print(ended, spec.commandLine().getOut());
        }
    }
}
