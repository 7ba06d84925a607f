package io.standby.app.hooks;

import io.standby.domain.model.Hook;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The commands configured for each hook, each an argument list (never a shell string), and how long one may run.
 * A team that wants a shell writes {@code [sh, -c, "..."]} and owns the quoting.
 */
public record HookCommands(Map<Hook, List<List<String>>> commands, Duration timeout) {

    public HookCommands {
        Objects.requireNonNull(timeout, "timeout");
        Map<Hook, List<List<String>>> copy = new EnumMap<>(Hook.class);
        commands.forEach((hook, list) -> copy.put(hook, list.stream().map(List::copyOf).toList()));
        commands = Map.copyOf(copy);
    }

    public List<List<String>> at(Hook hook) {
        return commands.getOrDefault(hook, List.of());
    }
}
