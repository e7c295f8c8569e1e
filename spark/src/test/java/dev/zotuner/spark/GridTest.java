package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridTest {

    private static final String OK = "{\"tasks\": [\"sst2\", \"trec\"], \"seeds\": [13, 42], \"optimizers\": [\"zo-sgd\", \"n-spsa\"],"
            + " \"lrs\": [1e-6, 1e-5], \"options\": {\"steps\": 100, \"k\": 16, \"center-loss\": true, \"test-curve\": false}}";

    @Test
    void expandsTasksModelsOptimizersLrsAndSeedsInGridOrder() {
        Grid g = Grid.parse(OK, "grid.json");
        List<GridRun> runs = g.runs();
        assertEquals(16, runs.size());
        assertEquals("sst2-zo-sgd-lr1e-6-s13", runs.get(0).name());
        assertEquals("sst2-zo-sgd-lr1e-6-s42", runs.get(1).name());
        assertEquals("trec-n-spsa-lr1e-5-s42", runs.get(15).name());
        assertEquals("100", g.options().get("steps"));
    }

    private static String error(String json) {
        return assertThrows(GridException.class, () -> Grid.parse(json, "g.json")).getMessage();
    }

    @Test
    void badGridsAreOneLineErrorsNamingTheFileAndField() {
        assertEquals("g.json: line 1: not JSON: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])",
                error("{\"tasks\": [\"sst2\"]"));
        assertEquals("g.json: unknown field 'lr' (expected tasks, seeds, optimizers, lrs, models, options)",
                error("{\"lr\": 1}"));
        assertEquals("g.json: tasks: missing (a non-empty array)", error("{\"seeds\": [1]}"));
        assertEquals("g.json: seeds: must be a non-empty array",
                error("{\"tasks\": [\"sst2\"], \"seeds\": [], \"optimizers\": [\"zo-sgd\"], \"lrs\": [1e-5]}"));
        assertEquals("g.json: seeds: 1.5 is not an integer",
                error("{\"tasks\": [\"sst2\"], \"seeds\": [1.5], \"optimizers\": [\"zo-sgd\"], \"lrs\": [1e-5]}"));
        assertEquals("g.json: options.lr: set by the grid or the sweep, not an option",
                error("{\"tasks\": [\"sst2\"], \"seeds\": [1], \"optimizers\": [\"zo-sgd\"], \"lrs\": [1e-5], \"options\": {\"lr\": 1}}"));
        assertEquals("g.json: options: Unknown options: '--stpes', '1'",
                error("{\"tasks\": [\"sst2\"], \"seeds\": [1], \"optimizers\": [\"zo-sgd\"], \"lrs\": [1e-5], \"options\": {\"stpes\": 1}}"));
        assertEquals("g.json: two runs are both named sst2-zo-sgd-lr1e-5-s1 (repeated or clashing tasks, models, optimizers, lrs or seeds)",
                error("{\"tasks\": [\"sst2\"], \"seeds\": [1, 1], \"optimizers\": [\"zo-sgd\"], \"lrs\": [1e-5]}"));
        assertEquals(true, error("{\"tasks\": [\"sst2\"], \"seeds\": [1], \"optimizers\": [\"zo-fast\"], \"lrs\": [1e-5]}")
                .startsWith("g.json: optimizers: "));
    }

    @Test
    void readNamesAnUnreadableFile(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("none.json");
        assertEquals(true, assertThrows(GridException.class, () -> Grid.read(missing)).getMessage()
                .startsWith(missing + ": cannot read: "));
        Path ok = Files.writeString(tmp.resolve("g.json"), OK);
        assertEquals(16, Grid.read(ok).runs().size());
    }

    @Test
    void learningRatesAreWrittenCompactly() {
        assertEquals("1e-5", Grid.lr(1e-5));
        assertEquals("0.003", Grid.lr(0.003));
        assertEquals("2", Grid.lr(2.0));
    }
}
