package io.standby.adapters.nginx;

import io.standby.domain.model.Slot;
import io.standby.domain.model.Slots;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The nginx configuration flag mode needs, included once by the operator: two upstreams, a variable that names
 * the green one while the flag file exists, and a proxy_pass through that variable. Renders it for
 * {@code standby nginx-config}, and lists what a dumped configuration ({@code nginx -T}) lacks of it.
 */
public final class NginxSnippet {

    /** The nginx variable that holds the upstream to use for the current request. */
    public static final String VARIABLE = "$standby_pool";
    private static final int KEEPALIVE = 16;
    // nginx -T prints its own verdict on stderr ("nginx: the configuration file ... syntax is ok"),
    // which arrives interleaved with the dump.
    private static final Pattern NGINX_MESSAGE = Pattern.compile("(?m)^nginx: .*$");

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

    /**
     * What the dumped configuration lacks for flag mode, one operator-readable line each with its fix; empty
     * when nothing is missing.
     */
    public List<String> problemsIn(String dump) {
        List<Directive> all;
        try {
            all = ConfigParser.flatten(ConfigParser.parse(NGINX_MESSAGE.matcher(dump).replaceAll(""), "the output of nginx -T"))
                    .toList();
        } catch (NginxConfigException e) {
            return List.of("cannot read nginx's configuration: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (Slot slot : slots.all()) {
            upstreamProblem(all, slot).ifPresent(problems::add);
        }
        flagProblem(all).ifPresent(problems::add);
        if (all.stream().noneMatch(d -> isSet(d, upstreamName(slots.blue())))) {
            problems.add("no \"set " + VARIABLE + " " + upstreamName(slots.blue()) + ";\": without this default, requests "
                    + "fail while the flag is absent. Fix: add it to the server block that fronts " + app
                    + " (part 2 of `standby nginx-config`)");
        }
        if (all.stream().noneMatch(d -> d.name().equals("proxy_pass") && d.arguments().size() == 1
                && d.arguments().get(0).startsWith("http://" + VARIABLE))) {
            problems.add("no \"proxy_pass http://" + VARIABLE + ";\": nginx does not send requests to the slot the flag "
                    + "chooses. Fix: use it in the location that fronts " + app + " (part 2 of `standby nginx-config`)");
        }
        if (all.stream().anyMatch(d -> d.name().equals("open_file_cache") && !d.arguments().equals(List.of("off")))) {
            problems.add("open_file_cache is on somewhere: where it applies, nginx may cache whether " + flagFile
                    + " exists (open_file_cache_valid, 60 s by default) and switch that late. Fix: \"open_file_cache off;\""
                    + " in the server block that fronts " + app);
        }
        return List.copyOf(problems);
    }

    private Optional<String> upstreamProblem(List<Directive> all, Slot slot) {
        String name = upstreamName(slot);
        List<Directive> blocks = all.stream()
                .filter(d -> d.name().equals("upstream") && d.arguments().equals(List.of(name)) && d.block().isPresent())
                .toList();
        if (blocks.isEmpty()) {
            return Optional.of("no \"upstream " + name + " { server " + host + ":" + slot.port() + "; }\" for the "
                    + slot.name() + " slot. Fix: add it to the http block (part 1 of `standby nginx-config`)");
        }
        boolean sendsToSlot = blocks.stream().flatMap(b -> b.children().stream())
                .filter(d -> d.name().equals("server") && !d.arguments().isEmpty())
                .anyMatch(d -> d.arguments().get(0).endsWith(":" + slot.port()));
        if (!sendsToSlot) {
            return Optional.of("\"upstream " + name + "\" has no server line with port " + slot.port() + " (the "
                    + slot.name() + " slot). Fix: make it \"server " + host + ":" + slot.port() + ";\"");
        }
        return Optional.empty();
    }

    private Optional<String> flagProblem(List<Directive> all) {
        List<Directive> tests = all.stream().filter(this::testsFlag).toList();
        String green = upstreamName(slots.green());
        if (tests.isEmpty()) {
            return Optional.of("no \"if (-f " + flagFile + ") { set " + VARIABLE + " " + green + "; }\": creating the "
                    + "flag file changes nothing. Fix: add it to the server block that fronts " + app
                    + " (part 2 of `standby nginx-config`), with the same path as the flag-file setting");
        }
        if (tests.stream().noneMatch(d -> d.children().stream().anyMatch(c -> isSet(c, green)))) {
            return Optional.of("the \"if (-f " + flagFile + ")\" block does not \"set " + VARIABLE + " " + green
                    + ";\". Fix: put that line inside it");
        }
        return Optional.empty();
    }

    private boolean testsFlag(Directive d) {
        if (!d.name().equals("if") || d.block().isEmpty()) {
            return false;
        }
        String condition = String.join(" ", d.arguments()).strip();
        if (condition.startsWith("(") && condition.endsWith(")")) {
            condition = condition.substring(1, condition.length() - 1).strip();
        }
        List<String> parts = Arrays.asList(condition.split("\\s+"));
        return parts.size() == 2 && parts.get(0).equals("-f") && unquote(parts.get(1)).equals(flagFile.toString());
    }

    private static boolean isSet(Directive d, String upstream) {
        return d.name().equals("set") && d.arguments().equals(List.of(VARIABLE, upstream));
    }

    private static String unquote(String s) {
        return s.length() >= 2 && (s.startsWith("\"") || s.startsWith("'")) ? s.substring(1, s.length() - 1) : s;
    }
}
