package io.standby.app.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An amount of bytes as operators write it in YAML: {@code 65536}, {@code 64KiB}, {@code 1MiB}. */
public record ByteSize(long bytes) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,12})\\s*(B|KiB|MiB)?");

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes);
        }
    }

    static ByteSize parse(String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size: write a whole number of bytes, or one with"
                    + " a unit, such as 65536, 64KiB or 1MiB");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        return new ByteSize(switch (unit) {
            case "KiB" -> amount * 1024;
            case "MiB" -> amount * 1024 * 1024;
            default -> amount;
        });
    }

    /** As an operator would write it: in MiB or KiB when it divides evenly, else in bytes. */
    @Override
    public String toString() {
        if (bytes > 0 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "MiB";
        }
        if (bytes > 0 && bytes % 1024 == 0) {
            return bytes / 1024 + "KiB";
        }
        return String.valueOf(bytes);
    }
}
