package io.standby.adapters.easyswoole;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.standby.domain.model.Slots;
import io.standby.domain.port.out.DependencyInstaller;
import io.standby.domain.port.out.HealthProbe;
import io.standby.domain.port.out.ServiceRuntime;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EasySwooleModuleTest {

    private static final EasySwooleSettings SERVICE = TestSettings.service(Path.of("/tmp/logs"));

    @Test
    void withTheDaemonRuntimeBindsTheThreePortsToOneInstanceEach() {
        Injector injector = Guice.createInjector(new EasySwooleModule(SERVICE, TestSettings.install(), TestSettings.health()),
                new EasySwooleDaemonModule(SERVICE));

        assertThat(injector.getInstance(ServiceRuntime.class)).isInstanceOf(EasySwooleRuntime.class)
                .isSameAs(injector.getInstance(ServiceRuntime.class));
        assertThat(injector.getInstance(DependencyInstaller.class)).isInstanceOf(ComposerInstaller.class);
        assertThat(injector.getInstance(HealthProbe.class)).isInstanceOf(HttpHealthProbe.class);
    }

    @Test
    void withTheSupervisordRuntimeBindsItAndItsCheck() {
        Injector injector = Guice.createInjector(new EasySwooleModule(SERVICE, TestSettings.install(), TestSettings.health()),
                new SupervisordModule(SERVICE, TestSettings.supervisord("shop-{slot}", Path.of("/tmp/slots"), Optional.empty())),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(Slots.class).toInstance(Slots.of(9501, 9502));
                    }
                });

        assertThat(injector.getInstance(ServiceRuntime.class)).isInstanceOf(SupervisordRuntime.class)
                .isSameAs(injector.getInstance(ServiceRuntime.class));
        assertThat(injector.getInstance(SupervisordCheck.class)).isNotNull();
        assertThat(injector.getInstance(DependencyInstaller.class)).isInstanceOf(ComposerInstaller.class);
    }
}
