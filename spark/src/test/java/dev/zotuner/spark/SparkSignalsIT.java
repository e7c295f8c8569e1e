package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.tuner.testing.ChildJvm;
import dev.zotuner.tuner.testing.TinyRun;
import dev.zotuner.tuner.testing.TinyTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the Spark commands in local mode, where the runs' ONNX Runtime sessions live in the signalled JVM: a
 * sweep cancels its tasks, which stop at a step boundary, and exits 143 in one line once none runs; a distributed
 * fine-tuning run stops between steps, closes its replicas and exits 143 with the resume line. No crash report.
 */
class SparkSignalsIT {

    private static final Duration START = Duration.ofSeconds(120);

    @TempDir Path tmp;

    private static ChildJvm zo(Path cwd, String... args) {
        return ChildJvm.zo(cwd, StandaloneCluster.zoClassPath(), List.of(), List.of(args));
    }

    private static long stepLines(Path run) {
        try {
            Path m = run.resolve("metrics.jsonl");
            return Files.isRegularFile(m) ? Files.readAllLines(m).stream().filter(l -> l.contains("\"type\":\"step\"")).count()
                    : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.replace('\r', '\n').lines().filter(l -> !l.isBlank()).toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void aSweepStopsItsRunsAtAStepAndExits143() throws IOException {
        TinyRun files = TinyRun.mlm(tmp.resolve("data"), 10, TinyTask.POSITIVE, TinyTask.NEGATIVE);
        Path grid = tmp.resolve("grid.json");
        Files.writeString(grid, new ObjectMapper().writeValueAsString(Map.of("tasks", List.of(files.train().toString()),
                "models", List.of(files.model().toString()), "seeds", List.of(1, 2), "optimizers", List.of("zo-sgd"),
                "lrs", List.of(1e-3), "options", Map.of("test-file", files.test().toString(), "template", TinyRun.TEMPLATE,
                        "verbalizer", TinyRun.VERBALIZER, "k", 4, "steps", 1_000_000, "eval-every", 1000))));
        Path root = tmp.resolve("sweep");
        try (ChildJvm sweep = zo(tmp.resolve("sweep-cwd"), "sweep", grid.toString(), "--master", "local[2]", "--out",
                root.toString(), "--cache-dir", files.cache().toString())) {
            assertTrue(sweep.await(() -> runs(root).stream().allMatch(r -> stepLines(r) >= 10) && runs(root).size() == 2,
                    START), sweep.err());
            sweep.signal("TERM");
            assertEquals(143, sweep.exitWithin(Duration.ofSeconds(60)), sweep.err());
            assertEquals("zo sweep: SIGTERM: stopped; the runs under way stopped at a step boundary: rerun the same command "
                    + "to continue", lastLine(sweep.err()));
            assertEquals(List.of(), sweep.crashReports(), sweep.err());
        }
        for (Path run : runs(root)) {
            String log = Files.readString(root.resolve("logs").resolve(run.getFileName() + ".log"));
            assertTrue(log.contains("stopped at step " + stepLines(run) + ";"), log);
            assertFalse(Files.exists(run.resolve("summary.json")), run.toString());
        }
    }

    @Test
    void aDistributedRunStopsBetweenStepsAndExits143() {
        TinyRun files = TinyRun.mlm(tmp.resolve("data"), 10, TinyTask.POSITIVE, TinyTask.NEGATIVE);
        Path dir = tmp.resolve("n-spsa");
        List<String> args = new ArrayList<>(List.of(files.args(List.of("finetune"), "--optimizer", "n-spsa", "--directions",
                "4", "--k", "4", "--steps", "1000000", "--eval-every", "1000", "--workers", "2", "--master", "local[2]",
                "--run-dir", dir.toString())));
        try (ChildJvm finetune = zo(tmp.resolve("n-spsa-cwd"), args.toArray(String[]::new))) {
            assertTrue(finetune.await(() -> stepLines(dir) >= 10, START), finetune.err());
            finetune.signal("TERM");
            assertEquals(143, finetune.exitWithin(Duration.ofSeconds(60)), finetune.err());
            assertEquals("zo finetune: SIGTERM: stopped at step " + stepLines(dir) + "; resume with zo finetune --resume " + dir,
                    lastLine(finetune.err()));
            assertEquals(List.of(), finetune.crashReports(), finetune.err());
        }
    }

    private static List<Path> runs(Path root) {
        Path runs = root.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
