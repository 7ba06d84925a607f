package io.standby.adapters.nginx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads nginx configuration text into a tree of directives, keeping every token's position in the text. */
final class ConfigParser {

    private final String text;
    private final String source;
    private final List<Token> tokens;
    private int next;

    private ConfigParser(String text, String source) {
        this.text = text;
        this.source = source;
        this.tokens = ConfigLexer.tokenize(text, source);
    }

    /**
     * Parses the text of one file; {@code source} names it in error messages.
     *
     * @throws NginxConfigException if braces do not balance or the last directive is not terminated
     */
    static List<Directive> parse(String text, String source) {
        return new ConfigParser(text, source).directives(false);
    }

    /** The 1-based line of an offset, for messages an operator can follow to the spot. */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Every directive in the tree, depth first, in the order they appear in the text. */
    static Stream<Directive> flatten(List<Directive> directives) {
        return directives.stream().flatMap(d -> Stream.concat(Stream.of(d), flatten(d.children())));
    }

    private List<Directive> directives(boolean insideBlock) {
        List<Directive> result = new ArrayList<>();
        List<Token> words = new ArrayList<>();
        while (next < tokens.size()) {
            Token token = tokens.get(next++);
            switch (token.kind()) {
                case WORD -> words.add(token);
                case SEMICOLON -> {
                    if (!words.isEmpty()) {
                        result.add(new Directive(words, Optional.empty()));
                    }
                    words = new ArrayList<>();
                }
                case OPEN -> {
                    if (words.isEmpty()) {
                        throw new NginxConfigException("unexpected \"{\" at " + where(token),
                                "put a directive name before the brace; `nginx -t` shows the line");
                    }
                    List<Token> head = words;
                    result.add(new Directive(head, Optional.of(directives(true))));
                    words = new ArrayList<>();
                }
                case CLOSE -> {
                    if (!insideBlock) {
                        throw new NginxConfigException("unexpected \"}\" at " + where(token),
                                "remove the extra brace; `nginx -t` shows the line");
                    }
                    requireTerminated(words);
                    return result;
                }
            }
        }
        if (insideBlock) {
            throw new NginxConfigException("a block is not closed before the end of " + source,
                    "add the missing \"}\"; `nginx -t` shows where");
        }
        requireTerminated(words);
        return result;
    }

    private void requireTerminated(List<Token> words) {
        if (!words.isEmpty()) {
            throw new NginxConfigException("directive \"" + words.get(0).value() + "\" at " + where(words.get(0))
                    + " has no terminating \";\"",
                    "add the \";\"; `nginx -t` shows the line");
        }
    }

    private String where(Token token) {
        return source + ":" + lineOf(text, token.start());
    }
}
