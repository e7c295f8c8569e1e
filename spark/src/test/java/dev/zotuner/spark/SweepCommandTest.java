package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.tuner.cli.CliRun;
import dev.zotuner.tuner.testing.TinyRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zo sweep} end to end on the tiny encoder under local[2]: run directories, the table, the plots; a second
 * sweep skips every run; a sweep whose first attempts fail mid-run (Spark retries, resuming) ends with the same step
 * lines as the uninterrupted one; a bad grid exits 1 in one line and writes nothing.
 */
class SweepCommandTest {

    @TempDir Path tmp;

    static CliRun zo(String... args) {
        return CliRun.of(args);
    }

    private Path grid(TinyRun files) throws IOException {
        Map<String, Object> grid = Map.of("tasks", List.of(files.train().toString()), "models", List.of(files.model().toString()),
                "seeds", List.of(1, 2), "optimizers", List.of("zo-sgd"), "lrs", List.of(1e-2),
                "options", Map.of("test-file", files.test().toString(), "template", TinyRun.TEMPLATE,
                        "verbalizer", TinyRun.VERBALIZER, "k", 4, "steps", 4, "batch", 4, "eval-every", 2, "snapshot-every", 2));
        Path file = tmp.resolve("grid.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(grid));
        return file;
    }

    @Test
    void sweepsTabulatesSkipsFinishedRunsAndRetriesFailedOnesFromTheirDirectory() throws IOException {
        TinyRun files = TinyRun.encoder(tmp, 10);
        Path grid = grid(files);
        Path root = tmp.resolve("sweep");
        CliRun first = zo("sweep", grid.toString(), "--master", "local[2]", "--out", root.toString(), "--cache-dir",
                files.cache().toString());
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.err().contains("zo sweep: 2 runs (0 finished earlier)"), first.err());
        assertTrue(first.err().contains("[2/2]"), first.err());
        String cell = "train-enc-zo-sgd-lr0.01";
        for (String run : List.of(cell + "-s1", cell + "-s2")) {
            JsonNode summary = new ObjectMapper().readTree(root.resolve("runs").resolve(run).resolve("summary.json").toFile());
            assertEquals("completed", summary.get("status").asText());
            assertEquals(4, summary.get("steps").asLong());
        }
        JsonNode table = new ObjectMapper().readTree(root.resolve(SweepTable.JSON).toFile());
        assertEquals(1, table.get("cells").size());
        assertEquals(2, table.get("cells").get(0).get("completed").asInt());
        String md = Files.readString(root.resolve(SweepTable.MARKDOWN));
        assertTrue(md.contains("| " + cell + " |") && md.contains(" ± "), md);
        assertTrue(Files.isRegularFile(root.resolve("report").resolve("report.md")));
        assertTrue(first.out().contains(".png"), first.out());

        CliRun again = zo("sweep", grid.toString(), "--master", "local[2]", "--out", root.toString(), "--cache-dir",
                files.cache().toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.err().contains("(2 finished earlier)") && again.err().contains("skipped"), again.err());

        Path retried = tmp.resolve("retried");
        CliRun failing = zo("sweep", grid.toString(), "--master", "local[2]", "--out", retried.toString(), "--cache-dir",
                files.cache().toString(), "--fail-first-attempt-after", "3");
        assertEquals(0, failing.exit(), failing.err());
        assertTrue(failing.err().contains("(attempt 2)"), failing.err());
        for (String run : List.of(cell + "-s1", cell + "-s2")) {
            assertEquals(steps(root.resolve("runs").resolve(run)), steps(retried.resolve("runs").resolve(run)), run);
        }
        assertTrue(Files.readString(retried.resolve("logs").resolve(cell + "-s1.log")).contains("--resume"));
    }

    /** The (seed, g, losses) of every step line. */
    private static List<String> steps(Path run) throws IOException {
        ObjectMapper m = new ObjectMapper();
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream().map(l -> {
            try {
                return m.readTree(l);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).filter(n -> n.path("type").asText().equals("step"))
                .map(n -> n.get("step") + " " + n.get("seed") + " " + n.get("projected_grad") + " " + n.get("loss_plus"))
                .toList();
    }

    @Test
    void aBadGridExitsInOneLineAndWritesNothing() throws IOException {
        Path grid = tmp.resolve("bad.json");
        Files.writeString(grid, "{\"tasks\": [\"sst2\"], \"seeds\": [1], \"optimizers\": [\"zo-sgd\"], \"lrs\": [-1]}");
        Path root = tmp.resolve("out");
        CliRun c = zo("sweep", grid.toString(), "--out", root.toString());
        assertEquals(1, c.exit());
        assertEquals("zo: " + grid + ": lrs: -1 is not a positive number\n", c.err());
        assertFalse(Files.exists(root));
    }
}
