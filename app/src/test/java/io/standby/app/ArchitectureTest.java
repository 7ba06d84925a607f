package io.standby.app;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The hexagon, said out loud: the domain knows only Java, adapters know the domain and their library, only the app knows
 * all. Below the adapters sit two support modules every adapter and the app may use, and the domain may not: os-support
 * (/proc, atomic files, deadlines) and process-support (running programs).
 */
@AnalyzeClasses(packages = "io.standby", importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

    /**
     * The test-jars (fakes and port contracts) and the test-support module (scratch directories, nginx, HAProxy and
     * stand-in backends for tests) use JUnit and test servers by design; the rules are about shipped code.
     */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("test-support");
        }
    }

    @ArchTest
    static final ArchRule domainUsesNothingButJava = classes().that().resideInAPackage("io.standby.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.standby.domain..", "java..")
            .because("the release state machine must be testable and readable without any framework or adapter library");

    @ArchTest
    static final ArchRule osSupportUsesNothingButJava = classes().that().resideInAPackage("io.standby.os..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.standby.os..", "java..")
            .because("the OS plumbing is shared by every adapter, so it must not drag any library or Standby module along");

    @ArchTest
    static final ArchRule supportModulesServeAndNeverCall = noClasses()
            .that().resideInAnyPackage("io.standby.os..", "io.standby.process..")
            .should().dependOnClassesThat().resideInAnyPackage("io.standby.domain..", "io.standby.adapters..", "io.standby.app..")
            .because("adapters and the app call the support modules, never the other way round");

    @ArchTest
    static final ArchRule theDomainLeavesTheOsToAdapters = noClasses().that().resideInAPackage("io.standby.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.standby.os..", "io.standby.process..")
            .because("/proc, files and processes are the world the ports abstract; the domain sees them only through ports");

    @ArchTest
    static final ArchRule adaptersNeverSeeEachOther = slices().matching("io.standby.adapters.(*)..")
            .should().notDependOnEachOther()
            .because("swapping nginx for HAProxy must not touch any other adapter");

    @ArchTest
    static final ArchRule onlyTheAppSeesTheApp = noClasses().that().resideOutsideOfPackage("io.standby.app..")
            .should().dependOnClassesThat().resideInAPackage("io.standby.app..");

    @ArchTest
    static final ArchRule theModelKnowsNoPortOrService = noClasses().that().resideInAPackage("io.standby.domain.model..")
            .should().dependOnClassesThat().resideInAnyPackage("io.standby.domain.port..", "io.standby.domain.service..")
            .because("the story of a release is told in model types; ports and services use them, not the other way round");

    @ArchTest
    static final ArchRule portsDoNotReachIntoServices = noClasses().that().resideInAPackage("io.standby.domain.port..")
            .should().dependOnClassesThat().resideInAPackage("io.standby.domain.service..");

    @ArchTest
    static final ArchRule noShellIsEverStarted = noClasses().should()
            .callConstructor(ProcessBuilder.class, String[].class)
            .orShould().callMethod(Runtime.class, "exec", String.class)
            .because("every program runs as an argument list through process-support, so no input is read as shell syntax");

    private static final DescribedPredicate<JavaClass> ADAPTER_SETTINGS = JavaClass.Predicates.resideInAPackage("io.standby.adapters..")
            .and(JavaClass.Predicates.simpleNameEndingWith("Settings"));

    @ArchTest
    static final ArchRule adapterSettingsHaveNoDefaultsOfTheirOwn = noFields().that().areDeclaredInClassesThat(ADAPTER_SETTINGS)
            .and().areStatic().should().haveNameStartingWith("DEFAULT")
            .because("every default lives once, in the app's ConfigKeys; a second copy drifts (health interval 500 ms vs 1 s)");

    @ArchTest
    static final ArchRule adapterSettingsAreBuiltWholeByTheApp = noMethods().that().areDeclaredInClassesThat(ADAPTER_SETTINGS)
            .and().arePublic().should().beStatic().orShould().haveNameMatching("with[A-Z].*")
            .because("the app builds each adapter's settings whole from the checked configuration; factories and with-copies"
                    + " would fill in defaults of their own");

    @ArchTest
    static final ArchRule adapterLibrariesStayInTheirAdapter = noClasses().that().resideOutsideOfPackage("io.standby.adapters.git..")
            .should().dependOnClassesThat().resideInAPackage("org.eclipse.jgit..");

    @ArchTest
    static final ArchRule httpLibrariesStayInTheirAdapter = noClasses().that().resideOutsideOfPackage("io.standby.adapters.http..")
            .should().dependOnClassesThat().resideInAnyPackage("io.prometheus..", "com.sun.net.httpserver..")
            .because("the listener and the metrics' client are adapters-http's; the app wires them through its public types");

    @ArchTest
    static final ArchRule coordinationLibrariesStayInTheirAdapter = noClasses()
            .that().resideOutsideOfPackage("io.standby.adapters.zookeeper..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.curator..", "org.apache.zookeeper..")
            .because("the fleet's rollout is decided in the domain; ZooKeeper is only where its state is kept");
}
