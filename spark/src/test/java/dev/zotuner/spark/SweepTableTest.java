package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTableTest {

    @Test
    void meanAndSdOverTheCompletedSeedsOfEachCell(@TempDir Path tmp) throws Exception {
        List<GridRun> grid = List.of(new GridRun("sst2", null, "zo-sgd", 1e-5, 1, Map.of()),
                new GridRun("sst2", null, "zo-sgd", 1e-5, 2, Map.of()),
                new GridRun("sst2", null, "zo-sgd", 1e-5, 3, Map.of()),
                new GridRun("sst2", null, "zo-sgd", 1e-4, 1, Map.of()));
        summary(tmp, grid.get(0), "{\"status\":\"completed\",\"steps\":10,\"best_dev_accuracy\":0.5,\"test_accuracy\":0.6}");
        summary(tmp, grid.get(1), "{\"status\":\"completed\",\"steps\":10,\"best_dev_accuracy\":0.7,\"test_accuracy\":0.8}");
        summary(tmp, grid.get(3), "{\"status\":\"diverged\",\"steps\":3,\"best_dev_accuracy\":0.5,\"test_accuracy\":\"NaN\"}");
        SweepTable t = SweepTable.of(grid, tmp);
        assertEquals(List.of("completed", "completed", "missing", "diverged"), t.runs().stream().map(SweepTable.RunRow::status).toList());
        SweepTable.CellRow cell = t.cells().get(0);
        assertEquals(2, cell.completed());
        assertEquals(3, cell.runs());
        assertEquals(0.7, cell.testMean(), 1e-12);
        assertEquals(0.1, cell.testSd(), 1e-12);
        assertEquals(0.6, cell.devMean(), 1e-12);
        assertTrue(Double.isNaN(t.cells().get(1).testMean()));
        t.write(tmp);
        String md = Files.readString(tmp.resolve(SweepTable.MARKDOWN));
        assertTrue(md.contains("| sst2-zo-sgd-lr1e-5 | sst2 | default | zo-sgd | 1e-5 | 2/3 | 60.0 ± 10.0 | 70.0 ± 10.0 |"), md);
        assertTrue(md.contains("| sst2-zo-sgd-lr1e-4 | sst2 | default | zo-sgd | 1e-4 | 0/1 | – | – |"), md);
        assertTrue(Files.readString(tmp.resolve(SweepTable.JSON)).contains("\"cell\" : \"sst2-zo-sgd-lr1e-5\""));
    }

    private static void summary(Path root, GridRun run, String json) throws Exception {
        Path dir = Files.createDirectories(root.resolve(run.name()));
        Files.writeString(dir.resolve("summary.json"), json);
    }
}
