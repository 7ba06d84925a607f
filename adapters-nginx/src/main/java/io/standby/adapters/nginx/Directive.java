package io.standby.adapters.nginx;

import java.util.List;
import java.util.Optional;

/**
 * One nginx directive: its words ({@code server 127.0.0.1:9501 max_fails=3}) and, for block directives
 * such as {@code upstream} or {@code if}, the directives inside its braces.
 */
record Directive(List<Token> words, Optional<List<Directive>> block) {

    Directive {
        words = List.copyOf(words);
        block = block.map(List::copyOf);
    }

    String name() {
        return words.isEmpty() ? "" : words.get(0).value();
    }

    /** The words after the name, as nginx reads them. */
    List<String> arguments() {
        return words.stream().skip(1).map(Token::value).toList();
    }

    List<Directive> children() {
        return block.orElse(List.of());
    }

    int start() {
        return words.get(0).start();
    }
}
