package io.standby.adapters.nginx;

import io.standby.domain.model.Slot;
import io.standby.domain.model.Slots;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The nginx configuration flag mode needs, included once by the operator: two upstreams, a variable that names
 * the green one while the flag file exists, and a proxy_pass through that variable. Renders it for
 * {@code standby nginx-config}, and lists what a dumped configuration ({@code nginx -T}) lacks of it.
 */
public final class NginxSnippet {

    /** The nginx variable our snippet uses to hold the upstream for the current request; any other name works too. */
    public static final String VARIABLE = "$standby_pool";
    private static final int KEEPALIVE = 16;

    private final String app;
    private final Slots slots;
    private final String host;
    private final Path flagFile;

    private NginxSnippet(String app, Slots slots, String host, Path flagFile) {
        this.app = Objects.requireNonNull(app, "app");
        this.slots = Objects.requireNonNull(slots, "slots");
        this.host = Objects.requireNonNull(host, "host");
        this.flagFile = Objects.requireNonNull(flagFile, "flagFile");
    }

    /** The snippet for flag-mode settings; the settings' upstream is the app name that prefixes both upstreams. */
    public static NginxSnippet of(NginxSettings settings) {
        if (settings.mode() != NginxSettings.Mode.FLAG) {
            throw new IllegalArgumentException("the nginx snippet belongs to FLAG mode; these settings use " + settings.mode());
        }
        return new NginxSnippet(settings.upstream(), settings.slots(), settings.host(), settings.flagFile());
    }

    /** The name of the upstream block that sends to a slot, e.g. {@code app_blue}. */
    public String upstreamName(Slot slot) {
        return app + "_" + slot.name();
    }

    /** The part that goes in the {@code http { }} block: one upstream per slot, with pooled keep-alive connections. */
    public String httpPart() {
        StringBuilder out = new StringBuilder();
        for (Slot slot : slots.all()) {
            out.append("upstream ").append(upstreamName(slot)).append(" {\n")
                    .append("    server ").append(host).append(':').append(slot.port()).append(";\n")
                    .append("    keepalive ").append(KEEPALIVE).append(";\n")
                    .append("}\n");
        }
        return out.toString();
    }

    /** The part that goes in the {@code server { }} block that fronts the app. */
    public String serverPart() {
        return "set " + VARIABLE + " " + upstreamName(slots.blue()) + ";\n"
                + "if (-f " + flagFile + ") {\n"
                + "    set " + VARIABLE + " " + upstreamName(slots.green()) + ";\n"
                + "}\n"
                + "location / {\n"
                + "    proxy_pass http://" + VARIABLE + ";\n"
                + "    proxy_http_version 1.1;\n"
                + "    proxy_set_header Connection \"\";\n"
                + "    proxy_set_header Host $host;\n"
                + "    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
                + "}\n";
    }

    /** Both parts with the comments that say where each goes. */
    public String render() {
        return "# Standby, flag mode, for \"" + app + "\": include once, then switches need no reload.\n"
                + "# 1. In the http { } block:\n"
                + httpPart()
                + "\n"
                + "# 2. In the server { } block that fronts " + app + ". While " + flagFile + " exists, requests go to "
                + slots.green() + ", otherwise to " + slots.blue() + ".\n"
                + "#    The directory needs to be searchable (x) by nginx's worker user.\n"
                + serverPart();
    }

    /** The problem a dump that cannot be read is, in flag mode: nothing can be said of the snippet then. */
    static String unreadable(String why) {
        return "cannot read nginx's configuration: " + why;
    }

    /**
     * What the dumped configuration lacks for flag mode, one operator-readable line each with its fix; empty
     * when nothing is missing. Judged by what nginx will do, not by names: any variable, any upstream names, as long
     * as a {@code proxy_pass} goes through a variable that reaches the blue slot by default and the green one while
     * the flag file exists.
     */
    public List<String> problemsIn(String dump) {
        try {
            return problemsIn(NginxDump.tree(dump));
        } catch (NginxConfigException e) {
            return List.of(unreadable(e.getMessage()));
        }
    }

    /** The same, of a configuration already read into its tree. */
    List<String> problemsIn(List<Directive> tree) {
        List<Directive> all = ConfigParser.flatten(tree).toList();
        Map<String, Set<Integer>> upstreams = FlagRouting.upstreams(all);
        List<FlagRouting> candidates = scopes(tree, all).stream()
                .flatMap(scope -> FlagRouting.in(scope, upstreams, flagFile).stream())
                .toList();
        List<String> problems = new ArrayList<>();
        if (candidates.stream().noneMatch(r -> r.defaultReaches(slots.blue()) && r.flagReaches(slots.green()))) {
            problems.addAll(candidates.stream()
                    .map(r -> problemsOf(r, upstreams))
                    .min(Comparator.comparingInt(List::size))
                    .orElseGet(() -> nothingRoutesThroughAVariable(upstreams)));
        }
        if (all.stream().anyMatch(d -> d.name().equals("open_file_cache") && !d.arguments().equals(List.of("off")))) {
            problems.add("open_file_cache is on somewhere: where it applies, nginx may cache whether " + flagFile
                    + " exists (open_file_cache_valid, 60 s by default) and switch that late. Fix: \"open_file_cache off;\""
                    + " in the server block that fronts " + app);
        }
        return List.copyOf(problems);
    }

    /** Each server block is judged on its own; a dump of bare directives (no server block) is one scope. */
    private static List<List<Directive>> scopes(List<Directive> tree, List<Directive> all) {
        List<List<Directive>> servers = all.stream()
                .filter(d -> d.name().equals("server") && d.block().isPresent())
                .map(Directive::children)
                .toList();
        return servers.isEmpty() ? List.of(tree) : servers;
    }

    private List<String> problemsOf(FlagRouting routing, Map<String, Set<Integer>> upstreams) {
        List<String> problems = new ArrayList<>(missingUpstreams(upstreams, routing));
        String variable = routing.variable();
        String blue = upstreamFor(slots.blue(), upstreams);
        String green = upstreamFor(slots.green(), upstreams);
        if (routing.defaults().isEmpty()) {
            problems.add("no \"set " + variable + " " + blue + ";\": without this default, requests fail while the flag"
                    + " is absent. Fix: add it to the server block that fronts " + app + " (part 2 of `standby nginx-config`)");
        } else if (!routing.defaultReaches(slots.blue())) {
            problems.add(misdirected("without the flag file", variable, routing.defaults(), slots.blue(), blue));
        }
        if (routing.flagTests().isEmpty()) {
            problems.add("no \"if (-f " + flagFile + ") { set " + variable + " " + green + "; }\": creating the flag file"
                    + " changes nothing. Fix: add it to the server block that fronts " + app
                    + " (part 2 of `standby nginx-config`), with the same path as router.nginx.flag-file");
        } else if (routing.flagTests().stream().allMatch(test -> test.sets().isEmpty())) {
            problems.add("the \"if (-f " + flagFile + ")\" block does not \"set " + variable + " " + green
                    + ";\". Fix: put that line inside it");
        } else if (!routing.flagReaches(slots.green())) {
            problems.add(misdirected("while the flag file exists", variable,
                    routing.flagTests().stream().flatMap(test -> test.sets().stream()).toList(), slots.green(), green));
        }
        return problems;
    }

    private String misdirected(String when, String variable, List<FlagRouting.Target> targets, Slot slot, String upstream) {
        String sends = targets.stream()
                .map(t -> "\"set " + variable + " " + t.value() + ";\" sends to "
                        + (t.ports().isEmpty() ? "no upstream nginx knows" : "port " + t.ports().stream().sorted()
                        .map(String::valueOf).collect(Collectors.joining(", port "))))
                .collect(Collectors.joining("; "));
        return when + ", " + sends + ", not to port " + slot.port() + " of the " + slot.name() + " slot. Fix: \"set "
                + variable + " " + upstream + ";\" there";
    }

    private List<String> nothingRoutesThroughAVariable(Map<String, Set<Integer>> upstreams) {
        List<String> problems = new ArrayList<>(missingUpstreams(upstreams, null));
        problems.add("no \"if (-f " + flagFile + ") { set " + VARIABLE + " " + upstreamFor(slots.green(), upstreams)
                + "; }\": creating the flag file changes nothing. Fix: add it to the server block that fronts " + app
                + " (part 2 of `standby nginx-config`), with the same path as router.nginx.flag-file");
        problems.add("no \"set " + VARIABLE + " " + upstreamFor(slots.blue(), upstreams) + ";\": without this default,"
                + " requests fail while the flag is absent. Fix: add it to the server block that fronts " + app
                + " (part 2 of `standby nginx-config`)");
        problems.add("no \"proxy_pass http://" + VARIABLE + ";\" (nor through any other variable): nginx does not send"
                + " requests to the slot the flag chooses. Fix: use it in the location that fronts " + app
                + " (part 2 of `standby nginx-config`)");
        return problems;
    }

    /** A slot no upstream sends to, unless the routing reaches it through a literal address. */
    private List<String> missingUpstreams(Map<String, Set<Integer>> upstreams, FlagRouting routing) {
        List<String> problems = new ArrayList<>();
        for (Slot slot : slots.all()) {
            boolean reachedLiterally = routing != null
                    && (slot.equals(slots.blue()) ? routing.defaultReaches(slot) : routing.flagReaches(slot));
            if (reachedLiterally || upstreams.values().stream().anyMatch(ports -> ports.equals(Set.of(slot.port())))) {
                continue;
            }
            String name = upstreamName(slot);
            problems.add(upstreams.containsKey(name)
                    ? "\"upstream " + name + "\" has no server line with port " + slot.port() + " (the " + slot.name()
                    + " slot). Fix: make it \"server " + host + ":" + slot.port() + ";\""
                    : "no \"upstream " + name + " { server " + host + ":" + slot.port() + "; }\" for the " + slot.name()
                    + " slot. Fix: add it to the http block (part 1 of `standby nginx-config`)");
        }
        return problems;
    }

    /** The upstream the operator already has for a slot, whatever its name; ours when there is none. */
    private String upstreamFor(Slot slot, Map<String, Set<Integer>> upstreams) {
        return upstreams.entrySet().stream()
                .filter(e -> e.getValue().equals(Set.of(slot.port())))
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst()
                .orElse(upstreamName(slot));
    }
}
