package dev.zotuner.tuner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.tuner.rundir.MetricsLog;
import dev.zotuner.tuner.rundir.RunConfig;
import dev.zotuner.tuner.rundir.RunSummary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunLabelsTest {

    private static Run run(String dir, String... keyValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return new Run(Path.of(dir), new RunConfig(values),
                new MetricsLog(List.of(), List.of(), List.of()), RunSummary.empty());
    }

    @Test
    void lrAndEpsAlwaysOtherKeysOnlyWhenTheyDiffer() {
        List<Run> runs = List.of(
                run("runs/a", "optimizer", "zo-sgd", "lr", "1e-5", "eps", "1e-3", "seed", "1"),
                run("runs/b", "optimizer", "zo-sgd", "lr", "1e-6", "eps", "1e-3", "seed", "1"));
        assertEquals(List.of("lr=1e-5 eps=1e-3", "lr=1e-6 eps=1e-3"), RunLabels.of(runs, List.of()));
    }

    @Test
    void differingOptimizerAndMomentumAreShown() {
        List<Run> runs = List.of(
                run("runs/a", "optimizer", "zo-sgd", "lr", "1e-5", "eps", "1e-3", "momentum", "0"),
                run("runs/b", "optimizer", "zo-sgd-m", "lr", "1e-5", "eps", "1e-3", "momentum",
                        "0.9"));
        assertEquals(List.of("zo-sgd lr=1e-5 eps=1e-3 momentum=0",
                "zo-sgd-m lr=1e-5 eps=1e-3 momentum=0.9"), RunLabels.of(runs, List.of()));
    }

    @Test
    void collisionsGetTheDirectoryAndMissingConfigUsesIt() {
        List<Run> runs = List.of(run("runs/a", "lr", "1e-5"), run("runs/b", "lr", "1e-5"),
                run("runs/c"));
        assertEquals(List.of("lr=1e-5 (a)", "lr=1e-5 (b)", "c"), RunLabels.of(runs, List.of()));
    }

    @Test
    void sameDirectoryNameTwiceStaysDistinct() {
        List<Run> runs = List.of(run("x/run"), run("y/run"));
        assertEquals(List.of("x/run", "y/run"), RunLabels.of(runs, List.of()));
    }

    @Test
    void explicitLabelsMustMatchTheRuns() {
        List<Run> runs = List.of(run("runs/a"), run("runs/b"));
        assertEquals(List.of("SGD", "Adam"), RunLabels.of(runs, List.of("SGD", "Adam")));
        assertEquals("--label given 1 time(s) for 2 run(s); give one per run or none",
                assertThrows(IllegalArgumentException.class,
                        () -> RunLabels.of(runs, List.of("SGD"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunLabels.of(runs, List.of("x", "x")));
    }
}
