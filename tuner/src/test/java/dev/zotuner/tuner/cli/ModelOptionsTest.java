package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.models.ModelKind;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Pooling;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ModelOptionsTest {

    private static ModelSpec parse(String... args) {
        ModelInspectCommand cmd = new ModelInspectCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.model.spec();
    }

    @Test
    void defaultsAreTheDefaultModel() {
        assertEquals(ModelSpec.defaults(), parse());
    }

    @Test
    void everyOptionReachesTheSpec() {
        ModelSpec s = parse("--model", "m.onnx", "--tokenizer", "t.json", "--kind", "CAUSAL", "--trainable", "^layer",
                "--pooling", "cls", "--max-length", "64", "--cache-dir", "/c");
        assertEquals(new ModelSpec("m.onnx", Path.of("t.json"), ModelKind.CAUSAL, "^layer", Pooling.CLS, 64, Path.of("/c")), s);
    }

    @Test
    void badKindIsAUsageError() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class, () -> parse("--kind", "t5"));
        assertEquals(true, e.getMessage().contains("--kind"), e.getMessage());
        assertEquals(2, CliRun.of("model", "inspect", "--kind", "t5").exit());
    }
}
