package io.standby.adapters.nginx;

import io.standby.domain.model.Slot;
import io.standby.domain.model.Slots;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The {@code upstream NAME { ... }} block that reload mode rewrites, found in the text of one configuration
 * file, with the position of every port in its server lines so that a switch changes those digits and no
 * other byte of the file.
 */
record Upstream(String name, List<ServerLine> servers, int line) {

    Upstream {
        servers = List.copyOf(servers);
    }

    /**
     * Finds the one upstream block with this name.
     *
     * @param source names the file in messages
     * @throws NginxConfigException if the text does not parse, or holds no such block or more than one
     */
    static Upstream find(String text, String name, String source) {
        List<Directive> matches = ConfigParser.flatten(ConfigParser.parse(text, source))
                .filter(d -> isUpstreamNamed(d, name))
                .toList();
        if (matches.isEmpty()) {
            throw new NginxConfigException("no \"upstream " + name + " { ... }\" block in " + source,
                    "point Standby at the file that defines it (router.nginx.config-file), or add the block with a "
                            + "\"server 127.0.0.1:PORT;\" line for the live slot, or correct router.nginx.upstream");
        }
        if (matches.size() > 1) {
            String lines = matches.stream().map(d -> String.valueOf(lineOfKeyword(text, d)))
                    .collect(Collectors.joining(", "));
            throw new NginxConfigException("\"upstream " + name + "\" is defined " + matches.size() + " times in " + source
                    + " (lines " + lines + ") and Standby cannot tell which one nginx uses",
                    "keep a single block with that name");
        }
        Directive block = matches.get(0);
        List<ServerLine> servers = block.children().stream()
                .filter(d -> d.name().equals("server") && d.words().size() >= 2)
                .map(d -> ServerLine.of(d.words().get(1), text))
                .toList();
        return new Upstream(name, servers, lineOfKeyword(text, block));
    }

    private static int lineOfKeyword(String text, Directive block) {
        return ConfigParser.lineOf(text, block.words().get(block.words().size() - 2).start());
    }

    // Matching the last two words rather than the whole head also reads hand-annotated copies such as the
    // tutorial's, where a "// note" line right before the block would otherwise swallow it.
    private static boolean isUpstreamNamed(Directive d, String name) {
        List<Token> words = d.words();
        int n = words.size();
        return d.block().isPresent() && n >= 2 && words.get(n - 2).isWord("upstream") && words.get(n - 1).value().equals(name);
    }

    /** The slot every server line points at; empty if there are none, or they point elsewhere or at both. */
    Optional<Slot> slot(Slots slots) {
        List<Optional<Slot>> targets = servers.stream().map(s -> slotOf(s, slots)).distinct().toList();
        return targets.size() == 1 ? targets.get(0) : Optional.empty();
    }

    /** Server lines whose port is neither slot's: a switch would have to guess what they are for. */
    List<ServerLine> foreign(Slots slots) {
        return servers.stream().filter(s -> slotOf(s, slots).isEmpty()).toList();
    }

    /** The file text with every server line of this block sent to the port; all other bytes stay as they are. */
    String pointAt(String text, int port) {
        StringBuilder out = new StringBuilder(text);
        // Back to front, so the offsets of the lines not yet rewritten stay valid.
        for (int i = servers.size() - 1; i >= 0; i--) {
            ServerLine server = servers.get(i);
            if (server.port().isEmpty()) {
                throw new IllegalStateException("server " + server.address() + " has no port to rewrite");
            }
            out.replace(server.portStart(), server.portEnd(), String.valueOf(port));
        }
        return out.toString();
    }

    private static Optional<Slot> slotOf(ServerLine server, Slots slots) {
        OptionalInt port = server.port();
        return port.isPresent() ? slots.byPort(port.getAsInt()) : Optional.empty();
    }
}
