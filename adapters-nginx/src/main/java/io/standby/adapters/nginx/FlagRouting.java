package io.standby.adapters.nginx;

import io.standby.domain.model.Slot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What nginx will do with flag mode's pieces in one server block, read from the directives whatever their names:
 * which variable {@code proxy_pass} goes through, which ports it holds by default and which while the flag file
 * exists. Flag mode works when the default reaches the blue slot and the flag's override the green one.
 */
record FlagRouting(String variable, List<Target> defaults, List<FlagTest> flagTests) {

    private static final Pattern PROXY_THROUGH_VARIABLE = Pattern.compile("^https?://(\\$\\w+)");
    private static final Pattern HOST_AND_PORT = Pattern.compile("^[^/:]+:(\\d+)$");

    /** One {@code set VARIABLE value;}, with the ports that value sends to (none when it names nothing nginx knows). */
    record Target(String value, Set<Integer> ports) {
    }

    /** One {@code if (-f FLAG) { ... }} and the targets it sets the variable to. */
    record FlagTest(List<Target> sets) {
    }

    /**
     * Every variable a {@code proxy_pass} in {@code scope} goes through, with what sets it there; {@code upstreams} maps
     * each upstream's name to the ports of its servers.
     */
    static List<FlagRouting> in(List<Directive> scope, Map<String, Set<Integer>> upstreams, Path flagFile) {
        Set<String> variables = ConfigParser.flatten(scope)
                .filter(d -> d.name().equals("proxy_pass") && d.arguments().size() == 1)
                .map(d -> PROXY_THROUGH_VARIABLE.matcher(d.arguments().get(0)))
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Function<String, Target> target = value -> new Target(value, portsOf(value, upstreams));
        List<FlagRouting> found = new ArrayList<>();
        for (String variable : variables) {
            List<Target> defaults = new ArrayList<>();
            List<FlagTest> tests = new ArrayList<>();
            walk(scope, variable, flagFile, target, defaults, tests);
            found.add(new FlagRouting(variable, List.copyOf(defaults), List.copyOf(tests)));
        }
        return List.copyOf(found);
    }

    /** Every upstream block's name with the ports its {@code server} lines send to. */
    static Map<String, Set<Integer>> upstreams(List<Directive> all) {
        return all.stream()
                .filter(d -> d.name().equals("upstream") && d.arguments().size() == 1 && d.block().isPresent())
                .collect(Collectors.toMap(d -> d.arguments().get(0),
                        d -> d.children().stream()
                                .filter(c -> c.name().equals("server") && !c.arguments().isEmpty())
                                .map(c -> portOf(c.arguments().get(0)))
                                .flatMap(Optional::stream)
                                .collect(Collectors.toUnmodifiableSet()),
                        (a, b) -> a));
    }

    boolean defaultReaches(Slot slot) {
        return !defaults.isEmpty() && defaults.stream().allMatch(t -> t.ports().equals(Set.of(slot.port())));
    }

    boolean flagReaches(Slot slot) {
        return flagTests.stream().anyMatch(test -> !test.sets().isEmpty()
                && test.sets().stream().allMatch(t -> t.ports().equals(Set.of(slot.port()))));
    }

    private static void walk(List<Directive> directives, String variable, Path flagFile, Function<String, Target> target,
                             List<Target> defaults, List<FlagTest> tests) {
        for (Directive d : directives) {
            if (isSet(d, variable)) {
                defaults.add(target.apply(d.arguments().get(1)));
            } else if (d.name().equals("if") && d.block().isPresent()) {
                if (testsFlag(d, flagFile)) {
                    tests.add(new FlagTest(d.children().stream().filter(c -> isSet(c, variable))
                            .map(c -> target.apply(c.arguments().get(1))).toList()));
                }
                // Other conditions may or may not hold for a request: they are neither default nor override.
            } else {
                walk(d.children(), variable, flagFile, target, defaults, tests);
            }
        }
    }

    private static boolean isSet(Directive d, String variable) {
        return d.name().equals("set") && d.arguments().size() == 2 && d.arguments().get(0).equals(variable);
    }

    private static boolean testsFlag(Directive d, Path flagFile) {
        String condition = String.join(" ", d.arguments()).strip();
        if (condition.startsWith("(") && condition.endsWith(")")) {
            condition = condition.substring(1, condition.length() - 1).strip();
        }
        List<String> parts = Arrays.asList(condition.split("\\s+"));
        return parts.size() == 2 && parts.get(0).equals("-f") && unquote(parts.get(1)).equals(flagFile.toString());
    }

    /** An upstream's name sends to its servers; a literal {@code host:port} to that port. */
    private static Set<Integer> portsOf(String value, Map<String, Set<Integer>> upstreams) {
        String name = unquote(value);
        if (upstreams.containsKey(name)) {
            return upstreams.get(name);
        }
        return portOf(name).map(Set::of).orElse(Set.of());
    }

    private static Optional<Integer> portOf(String address) {
        Matcher m = HOST_AND_PORT.matcher(address);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private static String unquote(String s) {
        return s.length() >= 2 && (s.startsWith("\"") || s.startsWith("'")) ? s.substring(1, s.length() - 1) : s;
    }
}
