package io.standby.app.cli;

import io.standby.domain.port.in.DeployRelease;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Optional;

/** One release now, of the branch's newest commit or of a named one. */
@Command(name = "deploy", description = "Release now: the branch's newest commit, or --revision SHA (even one that failed before).")
final class DeployCommand extends ReleasingCommand {

    @Option(names = "--revision", paramLabel = "SHA", description = "The commit to release (full or abbreviated id).")
    String revision;

    @Override
    Request<DeployRelease> release() {
        return new Request<>(DeployRelease.class, deployer -> deployer.deploy(Optional.ofNullable(revision)));
    }
}
