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
}
