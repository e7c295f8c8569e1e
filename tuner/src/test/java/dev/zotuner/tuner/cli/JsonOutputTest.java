package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class JsonOutputTest {

    @Test
    void everyCommandWithJsonOutputTakesItFromTheOneMixin() {
        List<String> withJson = new ArrayList<>();
        collect(ZoCommand.commandLine(), withJson);
        assertTrue(withJson.containsAll(List.of("zo trace", "zo eval", "zo stability", "zo bench step", "zo bench forward",
                "zo bench perturb", "zo model list", "zo model inspect")), withJson.toString());
    }

    private static void collect(CommandLine cl, List<String> out) {
        OptionSpec json = cl.getCommandSpec().findOption("--json");
        if (json != null) {
            assertEquals("Print one JSON object on stdout instead of text.", json.description()[0],
                    cl.getCommandSpec().qualifiedName() + " declares its own --json");
            assertTrue(cl.getCommandSpec().mixins().values().stream()
                    .anyMatch(m -> m.userObject() instanceof JsonOutput), cl.getCommandSpec().qualifiedName());
            out.add(cl.getCommandSpec().qualifiedName());
        }
        cl.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, out));
    }

    @Test
    void theFlagIsOffUnlessGiven() {
        JsonOutput output = new JsonOutput();
        new CommandLine(output).parseArgs();
        assertEquals(false, output.enabled());
        new CommandLine(output).parseArgs("--json");
        assertTrue(output.enabled());
    }
}
