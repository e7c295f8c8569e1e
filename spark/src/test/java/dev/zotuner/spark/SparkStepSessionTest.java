package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The property of {@code zo finetune --master local[2] --workers 2}: the same metrics.jsonl (every seed, g and loss of
 * every step, every evaluation) and the same weights, bit for bit, as the single-process n-SPSA run; also when a worker's
 * task fails mid-probe once and Spark retries it on a fresh replica that catches up from the log.
 */
class SparkStepSessionTest {

    @TempDir Path tmp;

    private String[] finetune(TinyRun files, Path runDir, String... extra) {
        return finetune(files, runDir, List.of("--optimizer", "n-spsa", "--directions", "5", "--lr", "1e-2"), extra);
    }

    private String[] finetune(TinyRun files, Path runDir, List<String> optimizer, String... extra) {
        List<String> a = new ArrayList<>(List.of(files.args(List.of("finetune"), "--k", "4", "--steps", "6", "--batch", "4",
                "--eval-every", "3", "--snapshot-every", "6", "--seed", "7", "--run-dir", runDir.toString())));
        a.addAll(optimizer);
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    private static String run(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exit(), r.err());
        return r.err();
    }

    @Test
    void twoWorkersGiveTheSingleProcessRunBitForBitAlsoAfterAWorkerFailure() throws IOException {
        TinyRun files = TinyRun.encoder(tmp, 10);
        Path single = tmp.resolve("single");
        Path distributed = tmp.resolve("distributed");
        Path failed = tmp.resolve("failed");
        run(finetune(files, single));
        run(finetune(files, distributed, "--master", "local[2]", "--workers", "2"));
        run(finetune(files, failed, "--master", "local[2,3]", "--workers", "2", "--fail-once-at-step", "4"));

        List<JsonNode> expected = lines(single);
        assertEquals(6, expected.stream().filter(l -> l.path("type").asText().equals("step")).count());
        assertEquals(expected, lines(distributed));
        assertEquals(expected, lines(failed));
        byte[] weights = weights(single);
        assertArrayEquals(weights, weights(distributed));
        assertArrayEquals(weights, weights(failed));
    }

    @Test
    void anOptimizerWithStateSplitsToo_AndOneWhoseStepsCannotSplitIsRefusedBeforeARunDirectoryExists() throws IOException {
        TinyRun files = TinyRun.encoder(tmp, 10);
        List<String> adam = List.of("--optimizer", "zo-adam", "--lr", "1e-2");
        Path single = tmp.resolve("adam-single");
        Path distributed = tmp.resolve("adam-distributed");
        run(finetune(files, single, adam));
        run(finetune(files, distributed, adam, "--master", "local[2]", "--workers", "2"));
        assertEquals(lines(single), lines(distributed));
        assertArrayEquals(weights(single), weights(distributed));

        Path bcd = tmp.resolve("bcd");
        CliRun r = CliRun.of(finetune(files, bcd, List.of("--optimizer", "mezo-bcd"), "--workers", "2"));
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--workers needs an optimizer whose steps split between workers (zo-sgd, zo-sgd-mmt, "
                + "zo-adam, zo-sgd-sign, n-spsa), not mezo-bcd"), r.err());
        assertTrue(r.exit() != 0);
        assertFalse(Files.exists(bcd), "nothing written");
    }

    /** metrics.jsonl without the wall-clock fields. */
    static List<JsonNode> lines(Path run) throws IOException {
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode n = m.readTree(line);
            if (n.isObject()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove(List.of("seconds", "train_seconds", "time"));
            }
            out.add(n);
        }
        return out;
    }

    /** The raw float32 weights of the run's snapshot at its last step. */
    static byte[] weights(Path run) throws IOException {
        try (Stream<Path> files = Files.walk(run.resolve("snapshots"))) {
            List<Path> bins = files.filter(p -> p.getFileName().toString().contains("weights")
                    || p.getFileName().toString().endsWith(".bin") || p.getFileName().toString().endsWith(".f32")).sorted().toList();
            assertTrue(!bins.isEmpty(), "no snapshot weights in " + run);
            return Files.readAllBytes(bins.get(bins.size() - 1));
        }
    }
}
