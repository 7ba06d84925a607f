package io.standby.adapters.nginx;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code server ADDRESS [parameters];} line of an upstream block.
 *
 * @param address   the address as nginx reads it ({@code 127.0.0.1:9501}, {@code localhost:9501}, {@code unix:/sock})
 * @param port      the port written in the address; empty when the address has none (nginx then uses 80) or is a socket
 * @param portStart offset in the file text of the port's first digit, -1 without a written port
 * @param portEnd   offset just past its last digit, -1 without a written port
 * @param line      1-based line in the file, for messages
 */
record ServerLine(String address, OptionalInt port, int portStart, int portEnd, int line) {

    // Group 1 is everything up to the last colon; a bare IPv6 address (2001:db8::1) has colons but no port.
    private static final Pattern HOST_AND_PORT = Pattern.compile("^[\"']?(.*):(\\d{1,5})[\"']?$");

    static ServerLine of(Token address, String text) {
        Matcher m = HOST_AND_PORT.matcher(address.raw());
        String host = m.matches() ? m.group(1) : "";
        boolean hasPort = m.matches() && !host.startsWith("unix") && (!host.contains(":") || host.endsWith("]"));
        int line = ConfigParser.lineOf(text, address.start());
        if (!hasPort) {
            return new ServerLine(address.value(), OptionalInt.empty(), -1, -1, line);
        }
        int start = address.start() + m.start(2);
        return new ServerLine(address.value(), OptionalInt.of(Integer.parseInt(m.group(2))), start,
                address.start() + m.end(2), line);
    }
}
