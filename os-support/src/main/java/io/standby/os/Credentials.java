package io.standby.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whom a process acts as on files: its effective user and group and its supplementary groups, as /proc/PID/status
 * gives them. Asked where another program (nginx's workers) must reach a file that Standby writes.
 */
public record Credentials(int uid, int gid, Set<Integer> groups) {

    public Credentials {
        groups = Set.copyOf(groups);
    }

    /** The credentials in a /proc/PID/status text; empty if its Uid or Gid line is missing. */
    static Optional<Credentials> parse(String status) {
        Optional<String> uid = field(status, "Uid:");
        Optional<String> gid = field(status, "Gid:");
        if (uid.isEmpty() || gid.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> groups = field(status, "Groups:").stream()
                .flatMap(line -> Arrays.stream(line.split("\\s+")))
                .filter(word -> !word.isEmpty())
                .map(Integer::valueOf)
                .collect(Collectors.toSet());
        // Uid: real, effective, saved, filesystem; files are judged by the filesystem one, which follows the effective.
        return Optional.of(new Credentials(effective(uid.get()), effective(gid.get()), groups));
    }

    /**
     * Whether this user may pass through the directory (path resolution needs its x bit), judged by the owner, group
     * and other bits as the kernel does without ACLs; root passes any.
     */
    public boolean maySearch(Path directory) throws IOException {
        if (uid == 0) {
            return true;
        }
        int mode = (Integer) Files.getAttribute(directory, "unix:mode");
        int owner = (Integer) Files.getAttribute(directory, "unix:uid");
        int group = (Integer) Files.getAttribute(directory, "unix:gid");
        if (owner == uid) {
            return (mode & 0100) != 0;
        }
        if (group == gid || groups.contains(group)) {
            return (mode & 0010) != 0;
        }
        return (mode & 0001) != 0;
    }

    private static Optional<String> field(String status, String name) {
        return status.lines().filter(line -> line.startsWith(name)).map(line -> line.substring(name.length()).strip()).findFirst();
    }

    private static int effective(String ids) {
        String[] words = ids.split("\\s+");
        return Integer.parseInt(words.length > 1 ? words[1] : words[0]);
    }
}
