package io.standby.adapters.nginx;

import io.standby.domain.model.Slots;
import io.standby.os.ProcFs;
import io.standby.testsupport.Backend;
import io.standby.testsupport.Nginx;
import io.standby.testsupport.Scratch;

import java.nio.file.Path;
import java.util.List;

/** What both nginx router ITs stand on: two stand-in backends as the slots and an nginx in the test's directory. */
record NginxScene(Path dir, Backend blue, Backend green, Slots slots, Nginx nginx) {

    static NginxScene in(Scratch scratch) {
        Backend blue = scratch.own(Backend.start());
        Backend green = scratch.own(Backend.start());
        return new NginxScene(scratch.dir(), blue, green, Slots.of(blue.port(), green.port()),
                scratch.own(Nginx.in(scratch.dir())));
    }

    /** The settings given, with the commands that test, reload and dump this nginx rather than the system's. */
    NginxSettings commanding(NginxSettings settings) {
        return TestSettings.withCommands(settings, nginx.command("-t"), nginx.command("-s", "reload"), nginx.command("-T"));
    }

    /** nginx's workers as the adapter sees them: a reload replaces them, so equal lists mean nginx was not reloaded. */
    List<NginxMaster.Worker> workers() {
        return new NginxMaster(nginx.pidFile(), ProcFs.system()).workers(nginx.masterPid());
    }
}
