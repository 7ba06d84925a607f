package io.standby.adapters.easyswoole;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * What runs of one service instance, seen the way a Swoole daemon can still be recognised after it has changed to /
 * and renamed its processes: the master its pid file names, every process of that master's process group (the
 * manager and workers share it), and whoever holds the listening socket of the slot's port.
 *
 * @param pidFile     the pid file read
 * @param master      the live master the pid file names, if it names one of this instance
 * @param processes   every live process of the instance, master first
 * @param portHolders the processes holding the socket that listens on the slot's port. Swoole binds the port before
 *                    it daemonizes but listens only after; the kernel lists no socket that is only bound, so until it
 *                    listens only the pid file shows the instance
 */
record Instance(Path pidFile, OptionalLong master, List<Long> processes, List<Long> portHolders) {

    Instance {
        processes = List.copyOf(processes);
        portHolders = List.copyOf(portHolders);
    }

    boolean isGone() {
        return processes.isEmpty() && portHolders.isEmpty();
    }

    /** The master holds the port itself or through a process of its group: the instance answers on the slot. */
    boolean servesThePort() {
        return master.isPresent() && !portHolders.isEmpty();
    }

    /** One line for messages: the pid file read, the pids found and the port's holders, so none contradicts another. */
    String describe(int port) {
        String masterText = master.isPresent() ? "pid file " + pidFile + " names master " + master.getAsLong()
                : "pid file " + pidFile + " names no live master of it";
        String holders = portHolders.isEmpty() ? "nothing of it holds port " + port
                : "port " + port + " is listened on by pids " + portHolders;
        return masterText + "; its processes: " + (processes.isEmpty() ? "none" : processes) + "; " + holders;
    }
}
