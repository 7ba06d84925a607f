package io.standby.app.wiring;

import io.standby.adapters.nginx.NginxSnippet;
import io.standby.app.config.StandbyConfig;

import java.util.Map;

/**
 * The snippet of nginx's flag mode for {@code standby nginx-config}, rendered from the configuration alone: printing
 * it builds none of the release wiring (the agent's NginxModule gives the same snippet to its start-up check).
 */
public final class NginxSnippets {

    private NginxSnippets() {
    }

    public static NginxSnippet of(StandbyConfig config) {
        // The snippet needs no secret, so the environment's variables are not read.
        return NginxSnippet.of(new AdapterSettings(config, Map.of()).nginx());
    }
}
