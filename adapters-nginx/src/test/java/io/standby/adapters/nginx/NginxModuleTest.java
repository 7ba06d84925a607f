package io.standby.adapters.nginx;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.standby.domain.model.Slots;
import io.standby.domain.port.out.TrafficRouter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NginxModuleTest {

    private static final Slots SLOTS = Slots.of(9501, 9502);

    @Test
    void reloadSettingsGiveTheReloadingRouter() {
        Injector injector = Guice.createInjector(new NginxModule(
                TestSettings.reload(SLOTS, Path.of("/etc/nginx/nginx.conf"), "app", Path.of("/run/nginx.pid"))));

        assertThat(injector.getInstance(TrafficRouter.class)).isInstanceOf(NginxReloadRouter.class);
    }

    @Test
    void flagSettingsGiveTheFlagRouterTheSnippetAndItsCheck() {
        Injector injector = Guice.createInjector(new NginxModule(
                TestSettings.flag(SLOTS, "app", Path.of("/var/lib/standby/app/green"))));

        assertThat(injector.getInstance(TrafficRouter.class)).isInstanceOf(NginxFlagRouter.class);
        assertThat(injector.getInstance(NginxSnippet.class).upstreamName(SLOTS.green())).isEqualTo("app_green");
        assertThat(injector.getInstance(NginxConfigCheck.class)).isNotNull();
    }
}
