package io.standby.adapters.nginx;

/**
 * One token of an nginx configuration, with where it sits in the text so that a rewrite can touch exactly
 * its characters and nothing else.
 *
 * @param kind  what the token is
 * @param raw   the token as written, quotes included
 * @param value the token as nginx reads it: quotes removed, escapes resolved
 * @param start offset of its first character in the text
 * @param end   offset just past its last character
 */
record Token(Kind kind, String raw, String value, int start, int end) {

    enum Kind { WORD, OPEN, CLOSE, SEMICOLON }

    boolean isWord(String text) {
        return kind == Kind.WORD && value.equals(text);
    }
}
