package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.tuner.cli.FineTuneCommand;
import dev.zotuner.tuner.testing.TinyRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas without Spark: a new replica asks for the log from step 0, then catches up and probes exactly the (seed, g)
 * pairs the single-process run logged; a failure drops the replica; closeRun forgets a run's replicas.
 */
class ReplicaRegistryTest {

    /** A finished single-process n-SPSA run (seed 5, batch 4) of {@code steps} steps with {@code directions} each. */
    private static Path nSpsaRun(TinyRun files, Path tmp, int steps, int directions) {
        Path run = tmp.resolve("run");
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true);
        assertEquals(0, FineTuneCommand.run(List.of(files.args(List.of(), "--k", "4", "--steps", "" + steps, "--batch", "4",
                "--optimizer", "n-spsa", "--directions", "" + directions, "--lr", "1e-2", "--seed", "5",
                "--run-dir", run.toString())), log));
        return run;
    }

    @Test
    void catchesUpFromTheLogProbesTheLoggedPairsAndDropsFailedReplicas(@TempDir Path tmp) throws Exception {
        TinyRun files = TinyRun.encoder(tmp, 10);
        Path run = nSpsaRun(files, tmp, 3, 3);
        String config = Files.readString(run.resolve("config.json"));
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> steps = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode n = m.readTree(line);
            if (n.path("type").asText().equals("step")) {
                steps.add(n);
            }
        }
        List<LoggedStep> logs = new ArrayList<>();
        for (JsonNode s : steps) {
            JsonNode more = s.path("more_directions");
            long[] seeds = new long[1 + more.size()];
            double[] g = new double[seeds.length];
            seeds[0] = s.get("seed").asLong();
            g[0] = s.get("projected_grad").asDouble();
            for (int k = 0; k < more.size(); k++) {
                seeds[k + 1] = Long.parseLong(more.get(k).get(0).asText());
                g[k + 1] = more.get(k).get(1).asDouble();
            }
            logs.add(new LoggedStep(s.get("step").asLong() - 1, s.get("lr").asDouble(), -1, 1, seeds, g));
        }
        int[] batch = new dev.zotuner.tuner.train.MiniBatches(8, 4, 5).at(2);
        ReplicaRegistry registry = new ReplicaRegistry();
        String id = "run#1";
        ProbeTask.Result behind = registry.probe(new ProbeTask(id, 1, config, files.cache().toString(), 2, batch, 1, 3, 2,
                List.of(), false));
        assertEquals(0, behind.behindAt());
        assertEquals(1, registry.size());
        ProbeTask.Result probed = registry.probe(new ProbeTask(id, 1, config, files.cache().toString(), 2, batch, 1, 3, 0,
                logs.subList(0, 2), false));
        assertEquals(-1, probed.behindAt());
        assertArrayEquals(new long[] {logs.get(2).seeds()[1], logs.get(2).seeds()[2]}, probed.seeds());
        assertArrayEquals(new double[] {logs.get(2).g()[1], logs.get(2).g()[2]}, probed.g());

        assertThrows(IllegalStateException.class, () -> registry.probe(new ProbeTask(id, 1, config, files.cache().toString(),
                3, batch, 1, 3, 2, logs.subList(2, 3), true)));
        assertEquals(0, registry.size());      // the failed replica was dropped
        registry.probe(new ProbeTask(id, 0, config, files.cache().toString(), 0, batch, 0, 1, 0, List.of(), false));
        assertEquals(1, registry.size());
        registry.closeRun(id);
        assertEquals(0, registry.size());
    }

    @Test
    void aWorkerWhoseBaseModelIsNotTheRunsRefusesToProbe(@TempDir Path tmp) throws Exception {
        TinyRun files = TinyRun.encoder(tmp, 10);
        Path run = nSpsaRun(files, tmp, 1, 2);
        String config = Files.readString(run.resolve("config.json"));
        String recorded = new ObjectMapper().readTree(config).path("provenance").path("base_model_sha256").asText();
        assertEquals(64, recorded.length());
        String other = config.replace(recorded, "0".repeat(64));
        int[] batch = new dev.zotuner.tuner.train.MiniBatches(8, 4, 5).at(0);
        ReplicaRegistry registry = new ReplicaRegistry();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.probe(new ProbeTask(
                run + "#7", 0, other, files.cache().toString(), 0, batch, 0, 2, 0, List.of(), false)));
        assertTrue(e.getMessage().startsWith(run.resolve("config.json") + ": cannot probe on a worker"), e.getMessage());
        assertTrue(e.getMessage().contains(recorded), e.getMessage());
        assertEquals(0, registry.size());
    }
}
