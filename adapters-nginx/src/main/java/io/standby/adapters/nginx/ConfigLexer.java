package io.standby.adapters.nginx;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits nginx configuration text into tokens the way nginx's own reader does: {@code #} starts a comment
 * only where a token could start, quotes only open a string at the start of a token, and a word ends at
 * white space, {@code ;} or {@code {} (so {@code ${var}} stays one word).
 */
final class ConfigLexer {

    private final String text;
    private final String source;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private ConfigLexer(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /** Tokens of the text; {@code source} names it in error messages. */
    static List<Token> tokenize(String text, String source) {
        ConfigLexer lexer = new ConfigLexer(text, source);
        lexer.run();
        return List.copyOf(lexer.tokens);
    }

    private void run() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                skipComment();
            } else if (c == '{') {
                single(Token.Kind.OPEN);
            } else if (c == '}') {
                single(Token.Kind.CLOSE);
            } else if (c == ';') {
                single(Token.Kind.SEMICOLON);
            } else if (c == '"' || c == '\'') {
                quoted(c);
            } else {
                word();
            }
        }
    }

    private void skipComment() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void single(Token.Kind kind) {
        String s = String.valueOf(text.charAt(pos));
        tokens.add(new Token(kind, s, s, pos, pos + 1));
        pos++;
    }

    private void quoted(char quote) {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != quote) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                value.append(text.charAt(pos + 1));
                pos += 2;
            } else {
                value.append(c);
                pos++;
            }
        }
        if (pos >= text.length()) {
            throw new NginxConfigException("a " + quote + "-quoted string opened at " + source + ":"
                    + ConfigParser.lineOf(text, start) + " is never closed", "close the quote; `nginx -t` shows the line");
        }
        pos++;
        tokens.add(new Token(Token.Kind.WORD, text.substring(start, pos), value.toString(), start, pos));
    }

    private void word() {
        int start = pos;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == ';') {
                break;
            }
            if (c == '{' && !(pos > start && text.charAt(pos - 1) == '$')) {
                break;
            }
            if (c == '\\' && pos + 1 < text.length()) {
                value.append(c).append(text.charAt(pos + 1));
                pos += 2;
                continue;
            }
            value.append(c);
            pos++;
        }
        tokens.add(new Token(Token.Kind.WORD, text.substring(start, pos), value.toString(), start, pos));
    }
}
