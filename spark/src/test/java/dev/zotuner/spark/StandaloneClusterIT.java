package dev.zotuner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.tuner.cli.CliRun;
import dev.zotuner.tuner.testing.ChildJvm;
import dev.zotuner.tuner.testing.TinyRun;
import dev.zotuner.tuner.testing.TinyTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark module on a real cluster: a standalone Master and two Workers (1 core, 1 GiB each) as separate JVMs on
 * 127.0.0.1 ({@link StandaloneCluster}), whose Spark home has none of this toolkit's jars. The CLI runs as a child JVM
 * with the class path {@code scripts/zo} gives it and no extra flags, and must ship its own code; spark-submit runs the
 * assembly jar; distributed n-SPSA must equal the single-process run bit for bit, also when a Worker dies mid-run; a
 * cluster that cannot run executors must end the command within seconds, in one line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {

    private static final Duration RUN = Duration.ofMinutes(4);
    private static final List<String> N_SPSA = List.of("--optimizer", "n-spsa", "--directions", "4", "--lr", "1e-3",
            "--k", "4", "--batch", "4", "--eval-every", "10", "--snapshot-every", "10");

    @TempDir static Path tmp;
    private static StandaloneCluster cluster;
    private static TinyRun files;

    @BeforeAll
    static void cluster() throws IOException {
        cluster = StandaloneCluster.start(tmp.resolve("cluster"), 2, "1g");
        files = TinyRun.mlm(tmp.resolve("data"), 10, TinyTask.POSITIVE, TinyTask.NEGATIVE);
        try (Stream<Path> jars = Files.list(cluster.home().resolve("jars"))) {
            assertTrue(jars.noneMatch(j -> j.getFileName().toString().startsWith("zo-")), "the cluster has no zo jars");
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The built CLI as scripts/zo runs it for Spark commands, driver bound to the loopback like the cluster. */
    private static ChildJvm zo(String name, List<String> jvmOptions, String... args) {
        List<String> options = new ArrayList<>(List.of("-Dspark.driver.host=127.0.0.1"));
        options.addAll(jvmOptions);
        return ChildJvm.zo(tmp.resolve(name), StandaloneCluster.zoClassPath(), options, List.of(args));
    }

    private static Path grid() throws IOException {
        Map<String, Object> grid = Map.of("tasks", List.of(files.train().toString()), "models", List.of(files.model().toString()),
                "seeds", List.of(1, 2), "optimizers", List.of("zo-sgd"), "lrs", List.of(1e-2),
                "options", Map.of("test-file", files.test().toString(), "template", TinyRun.TEMPLATE,
                        "verbalizer", TinyRun.VERBALIZER, "k", 4, "steps", 6, "batch", 4, "eval-every", 3, "snapshot-every", 3));
        Path file = tmp.resolve("grid.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(grid));
        return file;
    }

    /** metrics.jsonl without wall times and resume markers. */
    private static List<String> log(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream().filter(l -> !l.contains("\"type\":\"resume\""))
                .map(l -> l.replaceAll("\"(train_)?seconds\":[0-9.Ee-]+,?", "")).toList();
    }

    /** The SHA-256 of the newest snapshot's weights. */
    private static String lastWeights(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("snapshots"))) {
            Path manifest = s.filter(p -> p.toString().endsWith(".json"))
                    .max(Comparator.comparingLong(p -> read(p).get("step").asLong()))
                    .orElseThrow();
            return read(manifest).get("step") + " " + read(manifest).get("sha256").asText();
        }
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.replace('\r', '\n').lines().filter(l -> !l.isBlank()).toList();
        return lines.get(lines.size() - 1);
    }

    /** A single-process (no Spark) n-SPSA run of {@code steps} steps, in this JVM. */
    private static Path reference(String name, int steps) {
        Path dir = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of(files.args(List.of("finetune"), N_SPSA.toArray(String[]::new))));
        args.addAll(List.of("--steps", Integer.toString(steps), "--run-dir", dir.toString()));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return dir;
    }

    /** The same run's arguments with its directions on the cluster's two workers. */
    private static String[] distributed(Path dir, int steps) {
        List<String> args = new ArrayList<>(List.of(files.args(List.of("finetune"), N_SPSA.toArray(String[]::new))));
        args.addAll(List.of("--steps", Integer.toString(steps), "--run-dir", dir.toString(), "--workers", "2",
                "--master", cluster.url()));
        return args.toArray(String[]::new);
    }

    private static List<String> runs(Path root) throws IOException {
        try (Stream<Path> runs = Files.list(root.resolve("runs"))) {
            return runs.map(r -> r.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @Order(1)
    void aSweepShipsTheDriversJarsToTheExecutors() throws IOException {
        Path root = tmp.resolve("sweep");
        try (ChildJvm sweep = zo("sweep-cwd", List.of(), "sweep", grid().toString(), "--master", cluster.url(), "--out",
                root.toString(), "--cache-dir", files.cache().toString())) {
            assertEquals(0, sweep.exitWithin(RUN), sweep.err());
            assertTrue(sweep.err().contains("[2/2]") && sweep.err().contains("0 failed"), sweep.err());
        }
        for (String run : runs(root)) {
            assertEquals("completed", read(root.resolve("runs").resolve(run).resolve("summary.json")).get("status").asText());
        }
        assertEquals(2, runs(root).size());
    }

    @Test
    @Order(2)
    void sparkSubmitRunsTheAssemblyJarAndItsRunsEqualTheShippedOnes() throws IOException {
        Path root = tmp.resolve("submitted");
        try (ChildJvm submit = ChildJvm.start(tmp.resolve("submit-cwd"), cluster.home().resolve("jars") + "/*",
                List.of("-Xmx1g", "-Dspark.driver.host=127.0.0.1"), "org.apache.spark.deploy.SparkSubmit",
                List.of("--master", cluster.url(), "--class", "dev.zotuner.tuner.cli.ZoCommand",
                        StandaloneCluster.assembly().toString(), "sweep", grid().toString(), "--out", root.toString(),
                        "--cache-dir", files.cache().toString()), cluster.env())) {
            assertEquals(0, submit.exitWithin(RUN), submit.err());
            assertTrue(submit.err().contains("on " + cluster.url()), "spark-submit's --master is the sweep's");
        }
        assertEquals(runs(tmp.resolve("sweep")), runs(root));
        for (String run : runs(root)) {
            assertEquals(log(tmp.resolve("sweep").resolve("runs").resolve(run)), log(root.resolve("runs").resolve(run)), run);
        }
    }

    @Test
    @Order(3)
    void distributedNSpsaWritesTheSingleProcessLogAndWeights() throws IOException {
        Path single = reference("n-spsa-single", 20);
        Path dir = tmp.resolve("n-spsa-cluster");
        try (ChildJvm finetune = zo("n-spsa-cwd", List.of(), distributed(dir, 20))) {
            assertEquals(0, finetune.exitWithin(RUN), finetune.err());
            assertTrue(finetune.err().contains("4 directions per step on 2 workers (" + cluster.url() + ")"), finetune.err());
        }
        assertEquals(log(single), log(dir));
        assertEquals(lastWeights(single), lastWeights(dir));
    }

    @Test
    @Order(4)
    void aClusterThatCannotRunExecutorsEndsTheCommandWithinSecondsInOneLine() throws IOException {
        long t0 = System.nanoTime();
        try (ChildJvm big = zo("too-big-cwd", List.of("-Dspark.executor.memory=4g"), distributed(tmp.resolve("too-big"), 5))) {
            assertEquals(1, big.exitWithin(Duration.ofMinutes(2)), big.err());
            assertEquals("zo: " + cluster.url() + ": no worker has enough memory and cores for an executor of 4096 MiB and "
                    + "1 core(s) (spark.executor.memory, spark.executor.cores): the largest of the 2 alive workers has 1024 "
                    + "MiB and 1 core(s)", lastLine(big.err()));
            assertFalse(big.err().contains("\tat "), "no stack trace:\n" + big.err());
        }
        double tooBig = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        try (ChildJvm failing = zo("no-start-cwd", List.of("-Dspark.executor.extraJavaOptions=-Xms2g"), "sweep",
                grid().toString(), "--master", cluster.url(), "--out", tmp.resolve("no-start").toString())) {
            assertEquals(1, failing.exitWithin(Duration.ofMinutes(2)), failing.err());
            assertTrue(lastLine(failing.err()).startsWith("zo: executors cannot start: "), failing.err());
            assertFalse(failing.err().contains("\tat "), "no stack trace:\n" + failing.err());
        }
        double noStart = (System.nanoTime() - t1) / 1e9;
        assertTrue(tooBig < 40 && noStart < 40, "JVM start, context start and the verdict: " + tooBig + " s, " + noStart + " s");
    }

    @Test
    @Order(5)
    void aWorkerKilledMidRunLeavesTheRunToTheOtherAndItStaysBitIdentical() throws IOException {
        Path single = reference("killed-single", 30);
        Path dir = tmp.resolve("killed-cluster");
        try (ChildJvm finetune = zo("killed-cwd", List.of(), distributed(dir, 30))) {
            assertTrue(finetune.await(() -> stepLines(dir) >= 8, RUN), finetune.err());
            cluster.killWorker(0);
            long atKill = stepLines(dir);
            assertEquals(0, finetune.exitWithin(RUN), finetune.err());
            assertTrue(atKill < 30, "killed mid-run, at step " + atKill);
        }
        assertEquals(log(single), log(dir));
        assertEquals(lastWeights(single), lastWeights(dir));
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
}
