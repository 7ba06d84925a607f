package io.standby.app.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine's host name, as an agent names itself in its fleet when the configuration does not. */
final class MachineName {

    // The kernel's own name, with no DNS look-up that could hang on a broken resolver.
    private static final Path KERNEL = Path.of("/proc/sys/kernel/hostname");

    private MachineName() {
    }

    static String lowerCase() {
        try {
            String name = Files.isReadable(KERNEL) ? Files.readString(KERNEL).strip() : InetAddress.getLocalHost().getHostName();
            return name.toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the machine's host name (" + e.getMessage()
                    + "): set fleet.host to this agent's name in the fleet");
        }
    }
}
