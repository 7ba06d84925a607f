package io.standby.app.cli;

import io.standby.adapters.nginx.NginxSnippet;
import io.standby.app.config.StandbyConfig;
import io.standby.domain.port.in.RequestRefusedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** Prints the nginx configuration to include once for the reload-free flag mode. */
@Command(name = "nginx-config", description = "Print the nginx snippet this application needs for router.nginx.mode: flag (include it once).")
final class NginxConfigCommand implements Callable<Integer> {

    @ParentCommand
    StandbyCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StandbyConfig config = root.loadConfig();
        if (config.router().kind() != StandbyConfig.RouterKind.NGINX
                || config.router().nginx().mode() != StandbyConfig.NginxSwitch.FLAG) {
            throw new RequestRefusedException("nginx-config prints the set-up for router.nginx.mode: flag; "
                    + "set router.kind: nginx and router.nginx.mode: flag with a flag-file first");
        }
        var out = spec.commandLine().getOut();
        out.print(root.agent(config).getInstance(NginxSnippet.class).render());
        // picocli's writer does not flush a print() without a newline before Main calls System.exit.
        out.flush();
        return ExitCodes.OK;
    }
}
