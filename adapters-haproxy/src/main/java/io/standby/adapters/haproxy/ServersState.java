package io.standby.adapters.haproxy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The servers of one backend as `show servers state <backend>` reports them. */
record ServersState(String backend, List<ServerState> servers) {

    ServersState {
        servers = List.copyOf(servers);
    }

    Optional<ServerState> server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Reads the answer: a format version line, a `# be_id be_name ...` header and one space-separated line per
     * server. Columns are found by their header name so that fields HAProxy appends later do not shift them.
     */
    static ServersState parse(String backend, String answer) {
        List<String> lines = answer.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("# be_id")) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            throw new RuntimeApiException("HAProxy answered `show servers state " + backend + "` with \""
                    + answer.strip() + "\" instead of a server list; fix: use HAProxy 2.x and check the backend name");
        }
        List<String> names = Arrays.asList(lines.get(header).substring(1).strip().split("\\s+"));
        Columns columns = new Columns(names);
        List<ServerState> servers = new ArrayList<>();
        for (String line : lines.subList(header + 1, lines.size())) {
            String[] fields = line.split("\\s+");
            if (!backend.equals(columns.text(fields, "be_name"))) {
                continue;
            }
            servers.add(new ServerState(columns.text(fields, "srv_name"), columns.number(fields, "srv_op_state"),
                    columns.number(fields, "srv_admin_state"), columns.number(fields, "srv_check_state"),
                    columns.number(fields, "srv_check_result"), columns.number(fields, "srv_port")));
        }
        return new ServersState(backend, servers);
    }

    private record Columns(List<String> names) {

        String text(String[] fields, String column) {
            int index = names.indexOf(column);
            if (index < 0 || index >= fields.length) {
                throw new RuntimeApiException("HAProxy's `show servers state` has no column " + column
                        + "; fix: use HAProxy 2.x (this adapter is tested with 2.6)");
            }
            return fields[index];
        }

        int number(String[] fields, String column) {
            String value = text(fields, column);
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                // srv_port is "0" or "-" for servers without a fixed port; no other column is ever non-numeric.
                return 0;
            }
        }
    }
}
