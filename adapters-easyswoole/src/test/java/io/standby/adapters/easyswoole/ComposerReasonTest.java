package io.standby.adapters.easyswoole;

import io.standby.process.Completion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComposerReasonTest {

    @Test
    void theReasonKeepsComposersErrorAndDropsItsUsageSynopsis() {
        String output = """

                In JsonFile.php line 340:
                                                                  
                  "./composer.json" does not contain valid JSON   
                  Parse error on line 1:                          
                  { this is not json                              
                  -^                                              
                  Expected one of: 'STRING', '}'                  
                                                                  

                install [--prefer-source] [--prefer-dist] [--dry-run] [--] [<packages>...]

                """;

        String reason = ComposerInstaller.whatComposerSaid(new Completion(1, output, false));

        assertThat(reason).isEqualTo("In JsonFile.php line 340: | \"./composer.json\" does not contain valid JSON"
                + " | Parse error on line 1: | { this is not json | -^ | Expected one of: 'STRING', '}'");
    }

    @Test
    void anUnresolvableRequirementKeepsComposersProblemsAndDropsItsGenericAdvice() {
        String output = """
                Loading composer repositories with package information
                Updating dependencies
                Your requirements could not be resolved to an installable set of packages.

                  Problem 1
                    - Root composer.json requires acme/missing, it could not be found in any version, there may be a typo in the package name.

                Potential causes:
                 - A typo in the package name
                 - It's a private package and you forgot to add a custom repository to find it

                Read <https://getcomposer.org/doc/articles/troubleshooting.md> for further common problems.
                """;

        String reason = ComposerInstaller.whatComposerSaid(new Completion(2, output, false));

        assertThat(reason).isEqualTo("Your requirements could not be resolved to an installable set of packages. | Problem 1"
                + " | - Root composer.json requires acme/missing, it could not be found in any version, there may be a typo in the package name.");
    }
}
