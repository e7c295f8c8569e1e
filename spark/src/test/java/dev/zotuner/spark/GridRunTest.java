package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridRunTest {

    @Test
    void nameCellAndFinetuneArguments() {
        GridRun r = new GridRun("data/My Task.tsv", "/models/enc", "n-spsa", 1e-4, 7,
                Map.of("steps", "10", "center-loss", "true", "test-curve", "false"));
        assertEquals("my_task-enc-n-spsa-lr1e-4", r.cell());
        assertEquals("my_task-enc-n-spsa-lr1e-4-s7", r.name());
        assertEquals(List.of("--task", "data/My Task.tsv", "--seed", "7", "--optimizer", "n-spsa", "--lr", "1.0E-4",
                "--model", "/models/enc", "--center-loss", "--steps", "10"), r.arguments());
        assertEquals("sst2-zo-sgd-lr2e-5-s1", new GridRun("sst2", null, "zo-sgd", 2e-5, 1, Map.of()).name());
    }
}
