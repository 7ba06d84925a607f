package io.standby.adapters.zookeeper;

import io.standby.domain.fleet.CommitId;
import io.standby.domain.fleet.HostName;

import java.util.regex.Pattern;

/**
 * Where the fleet's nodes live, under one root per fleet ({@code /standby/<fleet>}): {@code members/<host>}
 * (ephemeral), {@code leader} (the latch), {@code rollout}, {@code hosts/<host>/desired} and {@code .../observed},
 * {@code commands/command-<seq>}, {@code bad/<sha>}.
 */
record FleetPaths(String root) {

    private static final Pattern FLEET = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");

    static FleetPaths of(String fleet) {
        if (!FLEET.matcher(fleet).matches()) {
            throw new IllegalArgumentException("a fleet name is lower-case letters, digits, '.' or '-': '" + fleet + "'");
        }
        return new FleetPaths("/standby/" + fleet);
    }

    String members() {
        return root + "/members";
    }

    String member(HostName host) {
        return members() + "/" + host.value();
    }

    String leader() {
        return root + "/leader";
    }

    String rollout() {
        return root + "/rollout";
    }

    String hosts() {
        return root + "/hosts";
    }

    String host(HostName host) {
        return hosts() + "/" + host.value();
    }

    String desired(HostName host) {
        return host(host) + "/desired";
    }

    String observed(HostName host) {
        return host(host) + "/observed";
    }

    String commands() {
        return root + "/commands";
    }

    String command(String name) {
        return commands() + "/" + name;
    }

    String bad() {
        return root + "/bad";
    }

    String badCommit(CommitId commit) {
        return bad() + "/" + commit.sha();
    }
}
