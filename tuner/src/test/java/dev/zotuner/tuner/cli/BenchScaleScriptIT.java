package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of {@code scripts/bench-scale} on the tiny shapes (the real run generates 14 GB and takes half an hour):
 * it generates what is missing in the layout each family uses (Llama in Optimum's), reuses what is there, and writes
 * the JSON and markdown of {@code zo bench scale}. Runs after {@code package}, so {@code scripts/zo} finds the jar.
 */
class BenchScaleScriptIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void generatesTheMissingModelsAndWritesTheResults(@TempDir Path tmp) throws Exception {
        Path models = tmp.resolve("models");
        Path out = tmp.resolve("results/bench-scale.json");
        String first = run(models, out);
        assertTrue(Files.isRegularFile(models.resolve("llama-tiny/model.onnx_data")), first);
        assertTrue(first.contains("wrote " + models.resolve("bert-tiny")), first);
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals(2, json.path("models").size(), first);
        assertTrue(json.at("/models/1/figures/ort/ok").asBoolean(), json.toString());
        assertTrue(Files.readString(tmp.resolve("results/bench-scale.md")).contains("| llama-tiny |"));
        String second = run(models, out);
        assertTrue(!second.contains("zo model generate"), "generated models are reused:\n" + second);
    }

    private static String run(Path models, Path out) throws Exception {
        Path log = Files.createTempFile(models.getParent(), "bench-scale", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("scripts/bench-scale").toString(), models.toString(),
                "--figures", "ort", "--runs", "1").redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SHAPES", "bert-tiny llama-tiny");
        pb.environment().put("OUT", out.toString());
        Process p = pb.start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done, "bench-scale timed out:\n" + text);
        assertEquals(0, p.exitValue(), "bench-scale failed:\n" + text);
        return text;
    }
}
