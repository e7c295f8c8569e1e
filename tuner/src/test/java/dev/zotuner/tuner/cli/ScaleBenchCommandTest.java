package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleBenchCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesJsonAndMarkdownForEachModel() throws Exception {
        Path model = tmp.resolve("bert-tiny");
        assertEquals(0, CliRun.of("model", "generate", "--shape", "bert-tiny", "--out", model.toString()).exit());
        Path out = tmp.resolve("results/scale.json");
        CliRun run = CliRun.of("bench", "scale", model.toString(), "--figures", "ort,eval", "--test-cap", "4", "--runs", "1",
                "--out", out.toString(), "--work", tmp.resolve("work").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("zo bench scale: bert-tiny ort: peak "), run.err());
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        JsonNode figures = json.path("models").get(0).path("figures");
        assertTrue(figures.path("ort").path("ok").asBoolean(), figures.toString());
        assertTrue(figures.path("eval").path("ok").asBoolean(), figures.toString());
        String md = Files.readString(tmp.resolve("results/scale.md"));
        assertTrue(md.startsWith("# zo bench scale, "), md);
        assertTrue(md.contains("| bert-tiny | 0.1 M |"), md);
        assertTrue(run.out().contains("wrote " + out), run.out());
        Files.delete(tmp.resolve("results/scale.md"));
        CliRun render = CliRun.of("bench", "scale", "--render", out.toString());
        assertEquals(0, render.exit(), render.err());
        assertEquals(md, Files.readString(tmp.resolve("results/scale.md")));
        assertEquals(md, render.out());
    }

    @Test
    void badSettingsAreOneLineErrors() {
        CliRun run = CliRun.of("bench", "scale", tmp.toString(), "--figures", "nope");
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("zo: unknown figure 'nope'"), run.err());
        assertEquals(1, run.err().lines().count());
        CliRun none = CliRun.of("bench", "scale");
        assertEquals("zo: bench scale: give one or more model directories (or --render FILE.json)\n", none.err());
    }
}
