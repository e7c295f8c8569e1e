package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the {@code scripts/reproduce-*} experiments: every path of each script (all methods,
 * baselines, curvature tracking, reports, the markdown tables) on the real default model with a budget
 * of one or two steps, into a temporary directory. Runs after {@code package}, so {@code scripts/zo}
 * finds the freshly built jar. The full-budget runs are the scripts themselves, not tests.
 */
class ReproduceScriptsIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void fewshotWritesTheTableAndRawJsonForEveryMethod(@TempDir Path out) throws Exception {
        String log = script("reproduce-fewshot", out, Map.of("TASKS", "sst2", "SEEDS", "13",
                "FORWARDS", "2", "EVAL_EVERY", "1", "TEST_CAP", "16"));
        JsonNode json = new ObjectMapper().readTree(out.resolve("fewshot-default.json").toFile());
        assertEquals(3, json.get("runs").size(), log);
        for (JsonNode run : json.get("runs")) {
            assertEquals(1, run.get("steps").asInt());
            assertEquals("completed", run.get("status").asText());
        }
        assertEquals(1, json.at("/baselines/sst2/linear-probe/seeds").size());
        String md = Files.readString(out.resolve("fewshot.md"));
        for (String row : List.of("| Zero-shot |", "| LP |", "| MeZO (zo-sgd) |", "| MeZO-BCD |", "| ZO-Adam |",
                "RoBERTa-large")) {
            assertTrue(md.contains(row), row + " missing from\n" + md);
        }
    }

    @Test
    void eosTracksTheTraceForGdMomentumAndAdam(@TempDir Path out) throws Exception {
        String log = script("reproduce-eos", out, Map.of("STEPS", "2", "CURVATURE_EVERY", "1", "PROBES", "2",
                "TRACE_PROBES", "2", "TRACE0", "485"));
        JsonNode json = new ObjectMapper().readTree(out.resolve("edge-of-stability.json").toFile());
        assertEquals(5, json.get("runs").size(), log);
        for (JsonNode run : json.get("runs")) {
            assertEquals(2, run.get("measurements").size(), run.toString());
            assertTrue(run.has("ratio"), run.toString());
        }
        assertTrue(Files.exists(out.resolve("edge-of-stability/zo-gd/trace.png")));
        assertTrue(Files.readString(out.resolve("edge-of-stability.md")).contains("| ZO-GDM β=0.9 |"));
    }

    @Test
    void flatMinimaRunsTheToyAndTheFineTuningLadder(@TempDir Path out) throws Exception {
        String log = script("reproduce-flat-minima", out, Map.of("TOY_STEPS", "400", "TOY_LAMBDAS", "0.1",
                "STEPS", "2", "CURVATURE_EVERY", "1", "PROBES", "2", "EPSILONS", "1e-3 1e-2"));
        JsonNode json = new ObjectMapper().readTree(out.resolve("flat-minima.json").toFile());
        assertEquals(2, json.get("toy").size(), log);
        assertEquals(2, json.get("finetune").size(), log);
        assertTrue(json.at("/finetune/1").has("vs_smallest_eps"), json.toString());
        assertTrue(Files.exists(out.resolve("flat-minima/toy/trace.png")));
        assertTrue(Files.exists(out.resolve("flat-minima/sst2/trace.png")));
    }

    @Test
    void structuredChoosesEtaOnDevRunsOnATimeBudgetAndPlotsAgainstSeconds(@TempDir Path out) throws Exception {
        String log = script("reproduce-structured", out, Map.of("TASKS", "trec", "SEEDS", "42",
                "METHODS", "top2 sparse", "BUDGET", "3", "GRID_BUDGET", "1", "TEST_CAP", "16", "EVALS", "2"));
        List<String> chosen = Files.readAllLines(out.resolve("runs/chosen.tsv"));
        assertEquals(2, chosen.size(), log);
        assertTrue(chosen.get(0).startsWith("trec\ttop2\t"), chosen.toString());
        JsonNode json = new ObjectMapper().readTree(out.resolve("structured.json").toFile());
        assertEquals(2, json.size(), log);
        for (JsonNode run : json) {
            assertTrue(run.get("train_seconds").asDouble() >= 3, run.toString());
            assertTrue(run.get("test_curve").size() >= 1, run.toString());
        }
        assertTrue(Files.readString(out.resolve("structured.md")).contains("| sparse |"));
        assertTrue(Files.exists(out.resolve("report-trec/accuracy-vs-seconds.png")), log);
        assertTrue(Files.exists(out.resolve("report-trec/accuracy-vs-forwards.png")), log);
    }

    @Test
    void timeToAccuracyGivesEachConfigurationsShareOfTheBackpropGain(@TempDir Path out) throws Exception {
        String log = script("reproduce-time-to-accuracy", out, Map.of("TASKS", "trec", "SEEDS", "42",
                "CONFIGS", "top2 top2-head-eps3e-3", "BUDGET", "4", "RESERVE", "1", "GRID_BUDGET", "1", "TEST_CAP", "16",
                "EVALS", "2"));
        List<String> chosen = Files.readAllLines(out.resolve("runs/chosen.tsv"));
        assertEquals(2, chosen.size(), log);
        assertTrue(chosen.get(1).startsWith("trec\ttop2-head-eps3e-3\t"), chosen.toString());
        JsonNode json = new ObjectMapper().readTree(out.resolve("time-to-accuracy.json").toFile());
        assertEquals(2, json.size(), log);
        for (JsonNode run : json) {
            assertTrue(run.get("budget_seconds").asDouble() >= 3, run.toString());
            assertTrue(run.get("process_seconds").asDouble() > run.get("budget_seconds").asDouble(), run.toString());
            double user = run.get("user_seconds").asDouble();
            assertTrue(user < run.get("process_seconds").asDouble() && user > run.get("budget_seconds").asDouble(),
                    "without the test curve (scored at every evaluation) the process is shorter: " + run);
            assertEquals("loss", run.get("selection").get("statistic").asText(), "the main runs select on dev loss");
            assertEquals(4, run.get("rule_tests").size(), run.toString());
        }
        Path suffixed = out.resolve("runs/main/trec/s42/top2-head-eps3e-3");
        assertTrue(Files.isDirectory(suffixed.resolve("head")), log);
        JsonNode mainConfig = new ObjectMapper().readTree(suffixed.resolve("config.json").toFile());
        assertEquals(3e-3, mainConfig.get("eps").asDouble(), "a -epsE suffix perturbs with ε = E");
        assertEquals(1e-3, new ObjectMapper().readTree(out.resolve("runs/main/trec/s42/top2/config.json").toFile())
                .get("eps").asDouble(), "MeZO's ε without a suffix");
        String md = Files.readString(out.resolve("time-to-accuracy.md"));
        assertTrue(md.contains("| top2-head-eps3e-3 |") && md.contains("backprop FT 85.5"), md);
        assertTrue(md.contains("run's own rule (dev loss, from step 100)") && md.contains("test %, dev accuracy, step 0"), md);
        assertTrue(Files.exists(out.resolve("report-trec/accuracy-vs-seconds.png")), log);
    }

    @Test
    void trecInstabilityTracksTheTraceAgainstTheThresholdBesideTheCurves(@TempDir Path out) throws Exception {
        String log = script("reproduce-trec-instability", out, Map.of("SEEDS", "21", "STEPS", "4",
                "CURVATURE_EVERY", "2", "PROBES", "2", "TEST_CAP", "16"));
        List<String> rows = Files.readAllLines(out.resolve("instability.md")).stream()
                .filter(l -> l.matches("\\| [0-9]+ \\|.*")).toList();
        assertEquals(2, rows.size(), log);
        for (String row : rows) {
            String[] cells = row.split("\\|");
            assertEquals("6667", cells[4].trim(), "threshold 2/η at η 3e-4: " + row);
            assertTrue(Double.parseDouble(cells[5].trim()) > 0, "S: " + row);
            assertTrue(!cells[6].contains("—") && !cells[7].contains("—"), "dev and test at each measurement: " + row);
        }
        assertTrue(Files.exists(out.resolve("report/stability-ratio.png")), log);
    }

    /** Runs {@code scripts/NAME} with OUT and RUNS under {@code out}; fails with its log unless it exits 0. */
    private static String script(String name, Path out, Map<String, String> env) throws IOException, InterruptedException {
        Path log = out.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("scripts").resolve(name).toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("OUT", out.toString());
        pb.environment().put("RUNS", out.resolve("runs").toString());
        Process p = pb.start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done, name + " timed out:\n" + text);
        assertEquals(0, p.exitValue(), name + " failed:\n" + text);
        return text;
    }
}
