package io.standby.app.cli;

import io.standby.app.config.StandbyConfig;
import io.standby.app.wiring.NginxSnippets;
import io.standby.domain.port.in.RequestRefusedException;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** Prints the nginx configuration to include once for the reload-free flag mode. */
@Command(name = "nginx-config", description = "Print the nginx snippet this application needs for router.nginx.mode: flag (include it once).")
final class NginxConfigCommand extends ConfiguredCommand {

    @Override
    int run(StandbyConfig config, PrintWriter out) {
        if (config.router().kind() != StandbyConfig.RouterKind.NGINX
                || config.router().nginx().mode() != StandbyConfig.NginxSwitch.FLAG) {
            throw new RequestRefusedException("nginx-config prints the set-up for router.nginx.mode: flag; "
                    + "set router.kind: nginx and router.nginx.mode: flag with a flag-file first");
        }
        out.print(NginxSnippets.of(config).render());
        // picocli's writer does not flush a print() without a newline before Main calls System.exit.
        out.flush();
        return ExitCodes.OK;
    }
}
