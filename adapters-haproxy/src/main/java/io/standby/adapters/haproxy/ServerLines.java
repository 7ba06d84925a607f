package io.standby.adapters.haproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites the `server` lines of one backend so that HAProxy, once restarted or reloaded, routes as the runtime
 * API was told: the live slot's server without `disabled`, the other with it. Only that keyword is added or
 * removed; every other byte (comments, indentation, line endings, other sections) stays as the operator wrote it.
 */
final class ServerLines {

    private static final Set<String> SECTIONS = Set.of("global", "defaults", "frontend", "backend", "listen",
            "userlist", "peers", "resolvers", "mailers", "program", "http-errors", "ring", "cache", "fcgi-app",
            "log-forward");
    private static final String DISABLED = "disabled";

    private ServerLines() {
    }

    /** The config with {@code live} enabled and {@code idle} disabled in {@code backend}, or why it cannot be. */
    static Edited route(String config, String backend, String live, String idle) {
        StringBuilder out = new StringBuilder(config.length() + DISABLED.length() + 1);
        String section = "";
        boolean foundBackend = false;
        boolean foundLive = false;
        boolean foundIdle = false;
        int at = 0;
        while (at < config.length()) {
            int newline = config.indexOf('\n', at);
            int end = newline < 0 ? config.length() : newline + 1;
            String line = config.substring(at, end);
            String content = line.endsWith("\r\n") ? line.substring(0, line.length() - 2)
                    : line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
            String terminator = line.substring(content.length());
            List<Token> tokens = tokens(content);
            if (!tokens.isEmpty() && SECTIONS.contains(tokens.get(0).text())) {
                boolean proxy = tokens.get(0).text().equals("backend") || tokens.get(0).text().equals("listen");
                section = proxy && tokens.size() > 1 ? tokens.get(1).text() : "";
                foundBackend |= section.equals(backend);
            }
            if (section.equals(backend) && tokens.size() > 2 && tokens.get(0).text().equals("server")) {
                String server = tokens.get(1).text();
                if (server.equals(live)) {
                    content = enabled(content, tokens);
                    foundLive = true;
                } else if (server.equals(idle)) {
                    content = disabled(content, tokens);
                    foundIdle = true;
                }
            }
            out.append(content).append(terminator);
            at = end;
        }
        if (!foundBackend) {
            return Edited.failed("has no `backend " + backend + "` (or `listen " + backend + "`) section");
        }
        if (!foundLive || !foundIdle) {
            String missing = !foundLive ? live : idle;
            return Edited.failed("has no `server " + missing + " <address> ...` line in backend " + backend);
        }
        return Edited.to(out.toString());
    }

    private static String enabled(String content, List<Token> tokens) {
        StringBuilder line = new StringBuilder(content);
        // Right to left, so that earlier offsets stay valid while removing.
        for (int i = tokens.size() - 1; i >= 3; i--) {
            Token token = tokens.get(i);
            if (token.text().equals(DISABLED) && token.raw(content).equals(DISABLED)) {
                line.delete(tokens.get(i - 1).end(), token.end());
            }
        }
        return line.toString();
    }

    private static String disabled(String content, List<Token> tokens) {
        if (tokens.stream().skip(3).anyMatch(t -> t.text().equals(DISABLED))) {
            return content;
        }
        int end = tokens.get(tokens.size() - 1).end();
        return content.substring(0, end) + " " + DISABLED + content.substring(end);
    }

    /** Splits a line as HAProxy does: blanks separate words, quotes and backslashes escape, an unquoted # ends it. */
    static List<Token> tokens(String content) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < content.length()) {
            char c = content.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            char quote = 0;
            while (i < content.length()) {
                c = content.charAt(i);
                if (quote == 0 && (c == ' ' || c == '\t' || c == '#')) {
                    break;
                }
                if (c == '\\' && quote != '\'' && i + 1 < content.length()) {
                    text.append(content.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if ((c == '"' || c == '\'') && (quote == 0 || quote == c)) {
                    quote = quote == 0 ? c : 0;
                    i++;
                    continue;
                }
                text.append(c);
                i++;
            }
            tokens.add(new Token(text.toString(), start, i));
        }
        return tokens;
    }

    /** A word of a config line: its unquoted text and where its raw form starts and ends in the line. */
    record Token(String text, int start, int end) {
        String raw(String content) {
            return content.substring(start, end);
        }
    }

    /** The rewritten config, or the reason it could not be rewritten (phrased to follow "the config file ..."). */
    record Edited(String text, String problem) {

        static Edited to(String text) {
            return new Edited(text, "");
        }

        static Edited failed(String problem) {
            return new Edited("", problem);
        }

        boolean ok() {
            return problem.isEmpty();
        }
    }
}
