package io.standby.app.cli;

import io.standby.app.cli.fleet.FleetCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The verbs of {@code standby}, in the order its usage lists them, each built only when the command line needs it.
 * picocli builds a model of every subcommand it is given, by reflection over each class's annotations: on a cold JVM
 * that is about half of what {@code standby status} costs, and a command runs one verb. So the verb the arguments name
 * is the only one registered; the usage, {@code help}, completion and a verb picocli must suggest a spelling for get
 * them all, exactly as before.
 */
final class Verbs {

    private static final Map<String, Supplier<Object>> ALL = all();
    // Verbs that speak of the others: they need every verb's model.
    private static final List<String> ABOUT_THE_OTHERS = List.of("help", "generate-completion");

    private Verbs() {
    }

    private static Map<String, Supplier<Object>> all() {
        Map<String, Supplier<Object>> verbs = new LinkedHashMap<>();
        verbs.put("run", RunCommand::new);
        verbs.put("deploy", DeployCommand::new);
        verbs.put("rollback", RollbackCommand::new);
        verbs.put("status", StatusCommand::new);
        verbs.put("history", HistoryCommand::new);
        verbs.put("fleet", FleetCommand::new);
        verbs.put("nginx-config", NginxConfigCommand::new);
        verbs.put("haproxy-config", HaproxyConfigCommand::new);
        verbs.put("check-config", CheckConfigCommand::new);
        verbs.put("help", HelpCommand::new);
        verbs.put("generate-completion", AutoComplete.GenerateCompletion::new);
        verbs.put("archive-training", ArchiveTrainingCommand::new);
        return Collections.unmodifiableMap(verbs);
    }

    /** Registers on {@code line} what {@code args} need: the one verb they name, else every verb. */
    static void register(CommandLine line, String... args) {
        Optional<String> named = verb(args).filter(ALL::containsKey).filter(v -> !ABOUT_THE_OTHERS.contains(v));
        if (named.isPresent()) {
            line.addSubcommand(named.get(), ALL.get(named.get()).get());
        } else {
            ALL.forEach((name, verb) -> line.addSubcommand(name, verb.get()));
        }
    }

    /**
     * The verb the arguments name: the first one after the configuration option, since the top command takes no
     * positional parameter. Empty when anything else comes first ({@code --help} before a verb asks for the usage of
     * every verb).
     */
    static Optional<String> verb(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-c") || args[i].equals("--config")) {
                i++;
            } else if (!args[i].startsWith("--config=") && !args[i].startsWith("-c")) {
                return args[i].startsWith("-") ? Optional.empty() : Optional.of(args[i]);
            }
        }
        return Optional.empty();
    }
}
