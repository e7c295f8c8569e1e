package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.eval.Heads;
import dev.zotuner.eval.PromptedClassifier;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.tuner.testing.TinyRun;
import dev.zotuner.tasks.Task;
import dev.zotuner.tasks.kshot.TaskSplit;
import dev.zotuner.tuner.curvature.HutchinsonOptions;
import dev.zotuner.tuner.curvature.HutchinsonTrace;
import dev.zotuner.tuner.curvature.TraceEstimate;
import dev.zotuner.tuner.train.FewShotObjective;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TraceCommandTest {

    @TempDir
    Path tmp;
    private TinyRun files;

    @BeforeEach
    void data() {
        files = TinyRun.mlm(tmp, 6,
                List.of("loved the film", "best acting ever", "really fun story", "i loved this movie"),
                List.of("hated the film", "worst plot ever", "very boring story", "i hated that movie"));
    }

    private String[] args(String... extra) {
        return files.args(List.of("trace", "--k", "4"), extra);
    }

    private static JsonNode json(CliRun run) throws IOException {
        assertEquals(0, run.exit(), run.err());
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void theSameCommandGivesIdenticalNumbersForAnyThreadCount() throws IOException {
        JsonNode a = json(CliRun.of(args("--probes", "6", "--check-h", "--json", "--threads", "1")));
        JsonNode b = json(CliRun.of(args("--probes", "6", "--check-h", "--json", "--threads", "1")));
        JsonNode c = json(CliRun.of(args("--probes", "6", "--check-h", "--json", "--threads", "3")));
        assertEquals(a.get("curvature"), b.get("curvature"));
        assertEquals(a.get("check_h"), b.get("check_h"));
        assertEquals(a.get("curvature"), c.get("curvature"));
        assertEquals(a.get("check_h"), c.get("check_h"));
        assertEquals(25, a.get("timing").get("forwards").asInt(), "the centre and 4 per probe, counted");
        JsonNode other = json(CliRun.of(args("--probes", "6", "--json", "--probe-seed", "7")));
        assertNotEquals(a.get("curvature").get("trace"), other.get("curvature").get("trace"), "probes follow the seed");
        assertEquals(a.get("curvature").get("center_loss"), other.get("curvature").get("center_loss"));
    }

    @Test
    void jsonMatchesAnIndependentEstimateOnTheTrainSplit() throws IOException {
        JsonNode out = json(CliRun.of(args("--probes", "5", "--json", "--seed", "3", "--h", "0.002")));
        JsonNode curv = out.get("curvature");
        assertEquals(8, out.get("examples").asInt(), "k = 4 per class, 2 classes");
        assertEquals(TinyModels.MLM_PARAMETERS, out.get("parameters").asLong());
        assertEquals(5, curv.get("probes").asInt());
        assertEquals(11, out.get("timing").get("forwards").asInt());
        assertTrue(out.get("timing").get("forward_seconds").asDouble() <= out.get("timing").get("seconds").asDouble());
        assertEquals("probe_cap", out.get("stop").asText());
        assertFalse(out.has("check_h"));

        TraceCommand parsed = new TraceCommand();
        new CommandLine(parsed).parseArgs(files.args(List.of("--k", "4")));
        Task task = parsed.task.load();
        TaskSplit split = parsed.task.split(task, 3);
        try (LanguageModel lm = LanguageModel.load(parsed.model.spec());
             PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            PromptedClassifier clf = PromptedClassifier.of(lm, Heads.forModel(lm, parsed.prompts.resolve(task, parsed.model.spec().model()),
                    split.labels(), parsed.prompts.similarityScale()));
            FewShotObjective ce = new FewShotObjective(clf, split.train(), FewShotObjective.Kind.CROSS_ENTROPY);
            TraceEstimate e = new HutchinsonTrace(engine).estimate(ce, IntStream.range(0, 8).toArray(), null,
                    HutchinsonOptions.defaults().withH(0.002).withProbes(5));
            assertEquals(e.trace(), curv.get("trace").asDouble(), 0);
            assertEquals(e.ciHigh(), curv.get("trace_ci_high").asDouble(), 0);
            assertEquals(e.traceSq(), curv.get("trace_sq").asDouble(), 0);
            assertEquals(e.centreLoss(), curv.get("center_loss").asDouble(), 0);
            assertEquals((float) 0.002, curv.get("h").asDouble(), 0);
        }
        JsonNode dev = json(CliRun.of(args("--probes", "5", "--json", "--seed", "3", "--h", "0.002", "--split", "dev")));
        assertEquals("dev", dev.get("split").asText());
        assertNotEquals(curv.get("center_loss"), dev.get("curvature").get("center_loss"));
    }

    @Test
    void adaptiveProbingStopsAtTheTargetAndALearningRateAddsTheVerdict() throws IOException {
        JsonNode out = json(CliRun.of(args("--target-rse", "1e9", "--max-probes", "30", "--noise", "rademacher",
                "--lr", "1e-3", "--optimizer", "zo-sgd-mmt", "--momentum", "0.9", "--json")));
        JsonNode curv = out.get("curvature");
        assertEquals(TraceSettings.ADAPTIVE_MIN, curv.get("probes").asInt());
        assertEquals("target_reached", out.get("stop").asText());
        assertEquals("rademacher", curv.get("noise").asText());
        assertFalse(curv.has("trace_sq"), "Rademacher probes do not give tr H^2");
        assertEquals("gdm", curv.get("optimizer").asText());
        assertEquals(2 * (1 - 0.9) / 1e-3, curv.get("threshold").asDouble(), 1e-9);
        assertEquals(curv.get("trace").asDouble() > 0, curv.has("verdict"), "a verdict needs a positive trace: " + curv);
    }

    @Test
    void textShowsTheEstimateTheCheckAndTheTimingAndStderrTheProgress() {
        CliRun run = CliRun.of(args("--probes", "3", "--check-h", "--lr", "1e-4"));
        assertEquals(0, run.exit(), run.err());
        for (String label : List.of("Tr H ", "95 % CI", "tr H^2", "check h", "Richardson", "S(lr)", "verdict",
                "4 forwards/probe", "13 forwards in")) {
            assertTrue(run.out().contains(label), label + " missing from\n" + run.out());
        }
        List<String> progress = run.err().lines().filter(l -> l.contains("probe ") && l.contains("ETA")).toList();
        assertEquals(3, progress.size(), run.err());
        assertTrue(progress.get(2).startsWith("zo trace: probe 3/3  Tr H "), progress.get(2));
    }

    @Test
    void badValuesAreOneLineErrorsNamingTheOption() {
        String[][] bad = {
            {"--probes", "0"}, {"--probes", "1"}, {"--h", "0"}, {"--h", "-1e-3"}, {"--h", "1e-60"},
            {"--max-probes", "1"}, {"--target-rse", "-0.1"}, {"--probes", "5", "--max-probes", "9"},
            {"--threads", "0"}, {"--split", "test"}, {"--noise", "uniform"}, {"--lr", "0"},
            {"--momentum", "0.9"}, {"--lr", "1e-3", "--optimizer", "zo-adam"}, {"--lr", "1e-3", "--optimizer", "zo-sgd-mmt"},
            {"--lr", "1e-3", "--momentum", "1.5"}, {"--lr", "1e-3", "--optimizer", "zo-sgd", "--momentum", "0.9"},
        };
        for (String[] b : bad) {
            CliRun run = CliRun.of(args(b));
            String what = String.join(" ", b);
            assertEquals(1, run.exit(), what + ": " + run.err());
            assertEquals(1, run.err().lines().count(), what + ": " + run.err());
            assertTrue(run.err().startsWith("zo: --"), what + ": " + run.err());
            assertTrue(run.out().isEmpty(), what);
        }
        CliRun former = CliRun.of(args("--lr", "1e-3", "--optimizer", "gdm", "--momentum", "0.9"));
        assertEquals(2, former.exit(), former.err());
        assertEquals("zo trace: Invalid value for option '--optimizer': 'gdm' is not an optimizer id; use zo-sgd-mmt "
                + "(zo trace --help for usage)", former.err().strip());
    }
}
