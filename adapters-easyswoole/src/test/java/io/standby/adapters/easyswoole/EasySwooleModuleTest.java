package io.standby.adapters.easyswoole;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.standby.domain.port.out.DependencyInstaller;
import io.standby.domain.port.out.HealthProbe;
import io.standby.domain.port.out.ServiceRuntime;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EasySwooleModuleTest {

    @Test
    void bindsTheThreePortsToOneInstanceEach() {
        Injector injector = Guice.createInjector(new EasySwooleModule(EasySwooleSettings.defaults(Path.of("/tmp/logs")),
                ComposerSettings.defaults(), HealthSettings.defaults()));

        assertThat(injector.getInstance(ServiceRuntime.class)).isInstanceOf(EasySwooleRuntime.class)
                .isSameAs(injector.getInstance(ServiceRuntime.class));
        assertThat(injector.getInstance(DependencyInstaller.class)).isInstanceOf(ComposerInstaller.class);
        assertThat(injector.getInstance(HealthProbe.class)).isInstanceOf(HttpHealthProbe.class);
    }
}
