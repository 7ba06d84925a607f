package io.standby.app.config;

import java.util.Map;
import java.util.Optional;

/**
 * The values the configuration names by their environment variable (a token, a hook's secret, a notifier's URL):
 * read once at start-up and checked as a value written in the file would be. A variable that is not set stops the
 * agent with a message naming it; no value is ever quoted.
 */
public final class Variables {

    private static final String EXPORT = ": export it in the agent's environment (systemd: Environment= or EnvironmentFile=)";

    private final Map<String, String> environment;

    public Variables(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * The value of the variable that {@code key} names; {@code fix} says what belongs in it, for a variable that holds
     * only blanks.
     */
    public String secret(String key, String variable, String fix) {
        String value = environment.get(variable);
        if (value == null || value.isEmpty()) {
            throw new ConfigException(key + " names the variable " + variable + ", which is not set" + EXPORT);
        }
        if (value.isBlank()) {
            throw new ConfigException(key + " names the variable " + variable + ", which holds only blanks: " + fix);
        }
        return value;
    }

    /** A notifier's URL from the variable {@code key} names, checked as {@code notify.webhook.url} is. */
    public String url(String key, String variable) {
        String url = secret(key, variable, "put the URL the service gave in it");
        return checked(key, variable, url, ConfigKeys.notifyUrlProblem(url)).strip();
    }

    /** A request header's value from the variable {@code key} names: one line. */
    public String header(String key, String name, String variable) {
        String value = secret(key, variable, "put the value of the header " + name + " in it");
        return checked(key, variable, value, ConfigKeys.headerValueProblem(name, value));
    }

    private static String checked(String key, String variable, String value, Optional<String> problem) {
        problem.ifPresent(why -> {
            throw new ConfigException(key + " names the variable " + variable + ", whose value " + why);
        });
        return value;
    }
}
