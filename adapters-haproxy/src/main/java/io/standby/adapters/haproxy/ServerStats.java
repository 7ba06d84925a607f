package io.standby.adapters.haproxy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A server's traffic counters from `show stat` (CSV).
 *
 * @param sessions    scur: requests (streams) HAProxy has on the server now
 * @param queued      qcur: requests waiting in the server's queue
 * @param status      e.g. UP, DOWN, DRAIN, MAINT
 * @param checkStatus the last health check, e.g. L7OK, L4CON
 * @param checkDetail the check's description, e.g. "Connection refused"
 */
record ServerStats(int sessions, int queued, String status, String checkStatus, String checkDetail) {

    /** Finds the backend's server in the CSV; empty if HAProxy has no such row. */
    static Optional<ServerStats> find(String csv, String backend, String server) {
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# pxname")) {
            throw new RuntimeApiException("HAProxy answered `show stat` with \"" + csv.strip()
                    + "\" instead of CSV; fix: use HAProxy 2.x");
        }
        List<String> names = Arrays.asList(lines.get(0).substring(1).strip().split(",", -1));
        int sessions = names.indexOf("scur");
        int queued = names.indexOf("qcur");
        int status = names.indexOf("status");
        int checkStatus = names.indexOf("check_status");
        int checkDetail = names.indexOf("check_desc");
        return lines.stream().skip(1)
                .map(ServerStats::fields)
                .filter(f -> f.length > 1 && f[0].equals(backend) && f[1].equals(server))
                .findFirst()
                .map(f -> new ServerStats(number(f, sessions), number(f, queued), text(f, status), text(f, checkStatus),
                        text(f, checkDetail)));
    }

    /** Splits a CSV line; HAProxy quotes a field (doubling its quotes) when it holds a comma, e.g. a check's reply. */
    static String[] fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }

    private static String text(String[] fields, int index) {
        return index >= 0 && index < fields.length ? fields[index] : "";
    }

    private static int number(String[] fields, int index) {
        String value = text(fields, index);
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}
