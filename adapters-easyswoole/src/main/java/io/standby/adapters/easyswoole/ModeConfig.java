package io.standby.adapters.easyswoole;

import io.standby.domain.model.Outcome;
import io.standby.os.AtomicFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An EasySwoole mode file ({@code produce.php}): finds MAIN_SERVER's {@code 'PORT' => N} entry and rewrites that
 * number alone, leaving every other byte as the developer wrote it. PHP is read just far enough to tell strings,
 * comments and brackets apart, so a 'PORT' in a comment or in another block is never mistaken for it.
 */
final class ModeConfig {

    private final Path file;
    private String text;
    private List<Token> tokens;

    private ModeConfig(Path file, String text) {
        this.file = file;
        this.text = text;
        this.tokens = new Lexer(text).tokens();
    }

    static ModeConfig read(Path file) throws IOException {
        return new ModeConfig(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Sets MAIN_SERVER's port, writing the file atomically; the file is untouched unless the entry is found exactly once. */
    Outcome setPort(int port) throws IOException {
        List<Integer> blocks = valuesOf("MAIN_SERVER", 1);
        if (blocks.size() != 1) {
            return Outcome.failed(file + " has " + blocks.size() + " 'MAIN_SERVER' entries, Standby needs exactly one"
                    + " to set the slot's port in: keep a single 'MAIN_SERVER' => [...] and commit it");
        }
        if (tokens.get(blocks.get(0)).kind() != Kind.OPEN) {
            return Outcome.failed("'MAIN_SERVER' in " + file + " is not a literal array, so Standby cannot set the slot's"
                    + " port in it: write 'MAIN_SERVER' => [ ... 'PORT' => 9501, ... ] and commit it");
        }
        int open = blocks.get(0);
        int depth = tokens.get(open).depth() + 1;
        List<Integer> ports = valuesOf("PORT", depth).stream().filter(at -> at > open && at < closing(open)).toList();
        if (ports.size() != 1) {
            return Outcome.failed("MAIN_SERVER in " + file + " has " + ports.size() + " 'PORT' entries, Standby needs"
                    + " exactly one to set the slot's port: keep a single line 'PORT' => 9501, in MAIN_SERVER and commit it");
        }
        Token value = tokens.get(ports.get(0));
        int end = entryEnd(ports.get(0), depth);
        if (value.kind() != Kind.NUMBER || end != ports.get(0) + 1) {
            return Outcome.failed("MAIN_SERVER's 'PORT' in " + file + " is not a plain number ('PORT' => "
                    + text.substring(value.start(), tokens.get(end).start()).strip() + "): Standby must write the slot's"
                    + " port there; make it a literal like 'PORT' => 9501, and commit it");
        }
        String number = Integer.toString(port);
        if (!text.substring(value.start(), value.end()).equals(number)) {
            write(text.substring(0, value.start()) + number + text.substring(value.end()));
        }
        return Outcome.done();
    }

    /**
     * Replaces the string literal under the keys (e.g. {@code TEMP_DIR}, or {@code MAIN_SERVER, SETTING, pid_file}),
     * writing the file atomically; false, and the file untouched, unless there is exactly one and it is a plain literal.
     */
    boolean replaceString(List<String> keys, String value) throws IOException {
        Optional<Integer> at = valueAt(keys);
        if (at.isEmpty() || tokens.get(at.get()).kind() != Kind.STRING || entryEnd(at.get(), tokens.get(at.get()).depth()) != at.get() + 1) {
            return false;
        }
        Token literal = tokens.get(at.get());
        String quoted = "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
        write(text.substring(0, literal.start()) + quoted + text.substring(literal.end()));
        return true;
    }

    /** The value token under the keys, each found exactly once inside the array of the one before. */
    private Optional<Integer> valueAt(List<String> keys) {
        int from = 0;
        int to = tokens.size();
        int depth = 1;
        Optional<Integer> value = Optional.empty();
        for (String key : keys) {
            int lower = from;
            int upper = to;
            List<Integer> found = valuesOf(key, depth).stream().filter(at -> at > lower && at < upper).toList();
            if (found.size() != 1) {
                return Optional.empty();
            }
            value = Optional.of(found.get(0));
            if (tokens.get(found.get(0)).kind() == Kind.OPEN) {
                from = found.get(0);
                to = closing(from);
                depth = tokens.get(from).depth() + 1;
            }
        }
        return value;
    }

    /** Indexes of the tokens that follow {@code 'key' =>} at the given bracket depth. */
    private List<Integer> valuesOf(String key, int depth) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() == Kind.STRING && token.depth() == depth && key.equals(unquoted(token))
                    && tokens.get(i + 1).kind() == Kind.ARROW) {
                int value = i + 2;
                // array( ... ) is the old spelling of [ ... ].
                if (tokens.get(value).kind() == Kind.WORD && "array".equalsIgnoreCase(word(tokens.get(value)))
                        && value + 1 < tokens.size() && tokens.get(value + 1).kind() == Kind.OPEN) {
                    value++;
                }
                found.add(value);
            }
        }
        return found;
    }

    /** The comma or bracket that ends the entry whose value starts at the index. */
    private int entryEnd(int value, int depth) {
        for (int i = value; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if ((token.kind() == Kind.COMMA && token.depth() == depth) || (token.kind() == Kind.CLOSE && token.depth() == depth - 1)) {
                return i;
            }
        }
        return tokens.size() - 1;
    }

    private int closing(int open) {
        int depth = tokens.get(open).depth();
        for (int i = open + 1; i < tokens.size(); i++) {
            if (tokens.get(i).kind() == Kind.CLOSE && tokens.get(i).depth() == depth) {
                return i;
            }
        }
        return tokens.size();
    }

    private String unquoted(Token token) {
        return text.substring(token.start() + 1, token.end() - 1);
    }

    private String word(Token token) {
        return text.substring(token.start(), token.end());
    }

    // Replaces the file itself, a link included, so no other file of the release changes; its permissions stay.
    private void write(String content) throws IOException {
        AtomicFile.write(file, content.getBytes(StandardCharsets.UTF_8), Files.getPosixFilePermissions(file));
        text = content;
        tokens = new Lexer(content).tokens();
    }

    private enum Kind { STRING, NUMBER, ARROW, OPEN, CLOSE, COMMA, WORD, OTHER }

    /** A piece of PHP source; depth is the number of brackets open before it (a closing bracket has its opener's). */
    private record Token(Kind kind, int start, int end, int depth) {
    }

    /** Splits PHP source into the few kinds of token a config array needs, skipping comments and whitespace. */
    private static final class Lexer {
        private final String text;
        private final List<Token> tokens = new ArrayList<>();
        private int at;
        private int depth;

        Lexer(String text) {
            this.text = text;
        }

        List<Token> tokens() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (Character.isWhitespace(c)) {
                    at++;
                } else if (startsWith("//") || (c == '#' && !startsWith("#["))) {
                    skipPast("\n");
                } else if (startsWith("/*")) {
                    skipPast("*/");
                } else if (c == '\'' || c == '"') {
                    string(c);
                } else if (Character.isDigit(c)) {
                    run(Kind.NUMBER, Character::isDigit);
                } else if (Character.isLetter(c) || c == '_') {
                    run(Kind.WORD, ch -> Character.isLetterOrDigit(ch) || ch == '_');
                } else if (startsWith("=>")) {
                    add(Kind.ARROW, at + 2);
                } else if (c == '[' || c == '(') {
                    add(Kind.OPEN, at + 1);
                    depth++;
                } else if (c == ']' || c == ')') {
                    depth = Math.max(0, depth - 1);
                    add(Kind.CLOSE, at + 1);
                } else if (c == ',') {
                    add(Kind.COMMA, at + 1);
                } else {
                    add(Kind.OTHER, at + 1);
                }
            }
            return tokens;
        }

        private void string(char quote) {
            int end = at + 1;
            while (end < text.length() && text.charAt(end) != quote) {
                end += text.charAt(end) == '\\' ? 2 : 1;
            }
            add(Kind.STRING, Math.min(end + 1, text.length()));
        }

        private void run(Kind kind, java.util.function.IntPredicate part) {
            int end = at;
            while (end < text.length() && part.test(text.charAt(end))) {
                end++;
            }
            add(kind, end);
        }

        private void add(Kind kind, int end) {
            tokens.add(new Token(kind, at, end, depth));
            at = end;
        }

        private boolean startsWith(String prefix) {
            return text.startsWith(prefix, at);
        }

        private void skipPast(String terminator) {
            int end = text.indexOf(terminator, at);
            at = end < 0 ? text.length() : end + terminator.length();
        }
    }
}
