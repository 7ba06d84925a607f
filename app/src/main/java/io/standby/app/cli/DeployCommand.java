package io.standby.app.cli;

import io.standby.domain.port.in.DeployRelease;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

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
        return root.release("deploy", injector -> injector.getInstance(DeployRelease.class).deploy(Optional.ofNullable(revision)),
                spec.commandLine().getOut());
    }
}
