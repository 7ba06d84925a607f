package io.standby.adapters.git;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a tree's symbolic links stay inside the directory they are exported to.
 *
 * <p>Links are followed through other links of the same tree, as the kernel would, because a lexical check alone
 * lets {@code a -> d/up/..} escape when {@code d/up -> ..}. A link that leaves the directory at any step is refused,
 * even if it comes back in: the directory is renamed after export, so a way back by name would not hold.
 */
final class SymlinkTargets {

    // The kernel's own limit on links followed in one lookup (MAXSYMLINKS); more means a loop.
    private static final int MAX_HOPS = 40;

    private final Map<String, String> links;

    /** @param links target of each link, keyed by the link's slash-separated path relative to the root */
    SymlinkTargets(Map<String, String> links) {
        this.links = Map.copyOf(links);
    }

    /** The first link, in path order, that points outside the root, loops, or has an unusable target. */
    Optional<String> firstEscaping() {
        return links.keySet().stream().sorted().filter(link -> !staysInside(link)).findFirst();
    }

    boolean staysInside(String link) {
        String target = links.get(link);
        if (target == null || target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
            return false;
        }
        Deque<String> position = new ArrayDeque<>(segments(link));
        position.removeLast();
        Deque<String> remaining = new ArrayDeque<>(segments(target));
        int hops = 0;
        while (!remaining.isEmpty()) {
            String segment = remaining.removeFirst();
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (position.isEmpty()) {
                    return false;
                }
                position.removeLast();
                continue;
            }
            position.addLast(segment);
            String through = links.get(String.join("/", position));
            if (through != null) {
                if (++hops > MAX_HOPS || through.isEmpty() || through.startsWith("/")) {
                    return false;
                }
                position.removeLast();
                List<String> next = segments(through);
                for (int i = next.size() - 1; i >= 0; i--) {
                    remaining.addFirst(next.get(i));
                }
            }
        }
        return true;
    }

    private static List<String> segments(String path) {
        return Arrays.asList(path.split("/", -1));
    }
}
