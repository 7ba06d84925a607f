package io.standby.adapters.nginx;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of {@code nginx -T} read back into the one tree nginx itself reads: the dump prints each file on its own,
 * after a {@code # configuration file PATH:} line, so an {@code include} in a server block would otherwise leave that
 * block looking empty. Every include is replaced by the directives of the files it names, as nginx does.
 */
final class NginxDump {

    private static final Pattern FILE_HEADER = Pattern.compile("(?m)^# configuration file (.+):$");
    // nginx -T prints its own verdict on stderr ("nginx: the configuration file ... syntax is ok"),
    // which arrives interleaved with the dump.
    private static final Pattern NGINX_MESSAGE = Pattern.compile("(?m)^nginx: .*$");
    // nginx refuses nothing here, but a file that includes itself must not make us loop.
    private static final int MAX_DEPTH = 32;

    private final Map<String, String> files;

    private NginxDump(Map<String, String> files) {
        this.files = files;
    }

    /**
     * The whole configuration as one tree of directives, includes resolved; text without file headers (a
     * configuration pasted by hand) is read as one file.
     *
     * @throws NginxConfigException if a file's braces do not balance or its last directive is not terminated
     */
    static List<Directive> tree(String dump) {
        String text = NGINX_MESSAGE.matcher(dump).replaceAll("");
        Map<String, String> files = new LinkedHashMap<>();
        Matcher header = FILE_HEADER.matcher(text);
        String path = null;
        int from = 0;
        while (header.find()) {
            if (path != null) {
                files.putIfAbsent(path, text.substring(from, header.start()));
            }
            path = header.group(1).strip();
            from = header.end();
        }
        if (path == null) {
            return ConfigParser.parse(text, "the output of nginx -T");
        }
        files.putIfAbsent(path, text.substring(from));
        String main = files.keySet().iterator().next();
        return new NginxDump(files).expanded(ConfigParser.parse(files.get(main), main), Path.of(main).getParent(), 0);
    }

    /** The paths of the files the dump prints, the main file first, as nginx names them (absolute). */
    static List<String> files(String dump) {
        List<String> files = new ArrayList<>();
        Matcher header = FILE_HEADER.matcher(dump);
        while (header.find()) {
            String path = header.group(1).strip();
            if (!files.contains(path)) {
                files.add(path);
            }
        }
        return files;
    }

    private List<Directive> expanded(List<Directive> directives, Path confDirectory, int depth) {
        List<Directive> result = new ArrayList<>();
        for (Directive d : directives) {
            if (d.name().equals("include") && d.arguments().size() == 1 && depth < MAX_DEPTH) {
                for (String included : matching(d.arguments().get(0), confDirectory)) {
                    result.addAll(expanded(ConfigParser.parse(files.get(included), included), confDirectory, depth + 1));
                }
            } else if (d.block().isPresent()) {
                result.add(new Directive(d.words(), Optional.of(expanded(d.children(), confDirectory, depth))));
            } else {
                result.add(d);
            }
        }
        return result;
    }

    /** The dumped files an include names, in nginx's order: a relative path is relative to the main file's directory. */
    private List<String> matching(String argument, Path confDirectory) {
        Path pattern = confDirectory == null ? Path.of(argument) : confDirectory.resolve(argument);
        String wanted = pattern.normalize().toString();
        if (!argument.matches(".*[*?\\[].*")) {
            return files.containsKey(wanted) ? List.of(wanted) : List.of();
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + wanted);
        return files.keySet().stream().filter(file -> glob.matches(Path.of(file))).sorted().toList();
    }
}
