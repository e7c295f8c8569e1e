package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.tuner.stability.Spectrum;
import dev.zotuner.tuner.stability.StabilityCalculator;
import dev.zotuner.tuner.stability.ZoDynamics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StabilityCommandTest {

    @TempDir
    Path dir;

    /** Exit code, stdout, stderr of one {@code zo} invocation. */
    private record Run(int code, String out, String err) {
    }

    private static Run zo(String... args) {
        CommandLine cl = ZoCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void exactVerdictFromASpectrumFileAsTableAndJson() throws IOException {
        Path spec = write("spec.txt", "# H\n1.0\n0.6, 0.3 0.1\n");
        double eta = StabilityCalculator.criticalStep(new Spectrum(new double[] {1, 0.6, 0.3, 0.1}), ZoDynamics.gd(1));
        Run table = zo("stability", "--lr", "0.5", "--spectrum", spec.toString());
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("exact eta*     0.554284"), table.out());
        assertTrue(table.out().startsWith("optimizer      zo-sgd, 1 direction\n"), table.out());
        assertTrue(table.out().contains("verdict        stable   lr/eta* = " + String.format(java.util.Locale.ROOT, "%.4f", 0.5 / eta)));
        Run json = zo("stability", "--lr", "0.6", "--spectrum", spec.toString(), "--json");
        assertEquals(0, json.code(), json.err());
        JsonNode o = new ObjectMapper().readTree(json.out());
        assertEquals("unstable", o.get("verdict").asText());
        assertEquals(eta, o.get("eta_star").asDouble(), 1e-15);
        assertEquals("gd", o.get("optimizer").asText(), "JSON names the linearised rule, as a metrics.jsonl curvature line");
        assertTrue(o.get("beta1").isNull());
        assertTrue(o.get("lower_bound").asDouble() <= eta && eta <= o.get("upper_bound").asDouble());
        assertEquals(1, json.out().strip().lines().count());
    }

    @Test
    void boundsFromTraceOptionsAndAdamWithAPreconditioner() throws IOException {
        Run undecided = zo("stability", "--lr", "0.5", "--momentum", "0.5", "--trace", "2", "--json");
        JsonNode o = new ObjectMapper().readTree(undecided.out());
        assertEquals("gdm", o.get("optimizer").asText());
        assertEquals("unstable", o.get("verdict").asText()); // 0.5 ≥ 2(1 − β)/Tr H = 0.5
        assertTrue(o.get("eta_star").isNull());
        Run between = zo("stability", "--lr", "0.3", "--trace", "2", "--lambda-max", "1", "--trace-sq", "1.46",
                "--lambda-min", "0");
        assertTrue(between.out().contains("verdict        stable"), between.out()); // PSD: 0.3 < 2/(Tr + 2 λmax) = 0.5
        Run unknown = zo("stability", "--lr", "0.3", "--trace", "2", "--lambda-max", "1", "--trace-sq", "1.46");
        assertTrue(unknown.out().contains("lower bound    none: H may be indefinite"), unknown.out());
        assertTrue(unknown.out().contains("verdict        undetermined"), unknown.out());
        // the issue's measured summary: λmax above the trace is accepted, and nothing is called stable
        Run issue = zo("stability", "--lr", "1.9e-3", "--trace", "221.1", "--trace-se", "62.1", "--trace-sq", "7.705e5",
                "--lambda-max", "439.98", "--json");
        assertEquals(0, issue.code(), issue.err());
        JsonNode i = new ObjectMapper().readTree(issue.out());
        assertTrue(i.get("lower_bound").isNull());
        assertTrue(i.get("psd").isNull());
        assertEquals(Math.sqrt(7.705e5), i.get("abs_lambda_max_upper").asDouble(), 1e-6);
        assertTrue(!i.get("verdict").asText().equals("stable"));
        Run negative = zo("stability", "--lr", "1e-6", "--trace", "250", "--lambda-min", "-144");
        assertTrue(negative.out().contains("  lambda_min   -144   H is indefinite"), negative.out());
        assertTrue(negative.out().contains("verdict        unstable"), negative.out());
        assertTrue(negative.out().contains("no lr is mean-square stable"), negative.out());
        Path spec = write("h.txt", "4 1\n");
        Path p = write("p.txt", "2 0.5\n");
        Run adam = zo("stability", "--lr", "1", "--optimizer", "zo-adam", "--beta1", "0.9", "--spectrum", spec.toString(),
                "--preconditioner", p.toString(), "--json");
        JsonNode a = new ObjectMapper().readTree(adam.out());
        double want = StabilityCalculator.criticalStep(new Spectrum(new double[] {2, 2}), ZoDynamics.adam(0.9, 1));
        assertEquals(want, a.get("eta_star").asDouble(), 1e-15);
        assertEquals(0.9, a.get("beta1").asDouble());
        Run adamTable = zo("stability", "--lr", "1", "--beta1", "0.9", "--spectrum", spec.toString(),
                "--preconditioner", p.toString());
        assertTrue(adamTable.out().startsWith("optimizer      zo-adam (beta1 0.9, frozen P), 1 direction\n"), adamTable.out());
    }

    @Test
    void optimizerIdsAreAnalysedThroughTheirDynamics() throws IOException {
        Path spec = write("spec.txt", "1\n0.5\n0.25\n");
        Spectrum s = new Spectrum(new double[] {1, 0.5, 0.25});
        String[][] cases = {
            {"zo-sgd"}, {"zo-sgd-sign"}, {"zo-sgd-cons"}, {"mezo-bcd"}, {"n-spsa", "--directions", "3"},
            {"zo-sgd-mmt", "--momentum", "0.5"}, {"zo-adam", "--beta1", "0.8"}};
        ZoDynamics[] expected = {ZoDynamics.gd(1), ZoDynamics.gd(1), ZoDynamics.gd(1), ZoDynamics.gd(1), ZoDynamics.gd(3),
            ZoDynamics.gdm(0.5, 1), ZoDynamics.adam(0.8, 1)};
        for (int i = 0; i < cases.length; i++) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("stability", "--lr", "0.1", "--spectrum",
                    spec.toString(), "--json", "--optimizer"));
            args.addAll(java.util.List.of(cases[i]));
            Run r = zo(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            JsonNode o = new ObjectMapper().readTree(r.out());
            assertEquals(StabilityCalculator.criticalStep(s, expected[i]), o.get("eta_star").asDouble(), 1e-15, cases[i][0]);
            assertEquals(expected[i].directions(), o.get("directions").asInt(), cases[i][0]);
        }
        Run implied = zo("stability", "--lr", "0.1", "--spectrum", spec.toString(), "--directions", "3");
        assertTrue(implied.out().startsWith("optimizer      n-spsa, 3 directions\n"), implied.out());
    }

    @Test
    void readsTheLastCurvatureOfARun() throws IOException {
        write("metrics.jsonl", "{\"step\":1,\"lr\":0.1,\"optimizer\":\"zo-sgd-momentum\",\"momentum\":0.9}\n"
                + "{\"step\":2,\"trace\":2.0,\"lambda_max\":0.5}\n");
        Run run = zo("stability", "--from-run", dir.toString(), "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode o = new ObjectMapper().readTree(run.out());
        assertEquals("gdm", o.get("optimizer").asText());
        assertEquals(0.9, o.get("momentum").asDouble());
        assertEquals(0.1, o.get("lr").asDouble());
        assertEquals("unstable", o.get("verdict").asText()); // 0.1 ≥ 2(1 − 0.9)/2 = 0.1
        assertEquals("lower", o.get("lambda_max_bound").asText()); // a run's λmax is a Ritz lower bound
        Run override = zo("stability", "--from-run", dir.toString(), "--lr", "0.01", "--json");
        assertEquals("undetermined", new ObjectMapper().readTree(override.out()).get("verdict").asText()); // not PSD-proven
    }

    @Test
    void aRunDirectoryNamesItsOptimizerInConfigJson() throws IOException {
        write("config.json", "{\"optimizer\":\"n-spsa\",\"lr\":0.1,\"momentum\":0.9,\"beta1\":0.9,\"directions\":4}");
        write("metrics.jsonl", "{\"type\":\"step\",\"step\":1,\"lr\":0.1,\"directions\":[{\"seed\":1,\"g\":0.5}]}\n"
                + "{\"type\":\"curvature\",\"step\":1,\"trace\":2.0,\"optimizer\":\"gd\",\"directions\":4,\"lr\":0.1}\n");
        Run run = zo("stability", "--from-run", dir.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("optimizer      n-spsa, 4 directions\n"), run.out());
        Run one = zo("stability", "--from-run", dir.toString(), "--directions", "1", "--json");
        assertEquals(1, new ObjectMapper().readTree(one.out()).get("directions").asInt());
        assertError(1, "zo: --momentum needs --optimizer zo-sgd-mmt (n-spsa, the run's optimizer, has none)",
                "stability", "--from-run", dir.toString(), "--momentum", "0.5");
        Run other = zo("stability", "--from-run", dir.toString(), "--optimizer", "zo-sgd-mmt", "--momentum", "0.5");
        assertTrue(other.out().startsWith("optimizer      zo-sgd-mmt (momentum 0.5), 1 direction\n"), other.out());
        write("config.json", "{\"optimizer\":\"zo-sgd-mmt\",\"momentum\":0.9}");
        assertError(1, "zo: the run's optimizer zo-sgd-mmt needs --momentum (" + dir.resolve("metrics.jsonl")
                + " records none)", "stability", "--from-run", dir.toString());
        write("config.json", "{\"experiment\":\"flat-minima\",\"optimizer\":\"gd\"}");
        assertError(1, "zo: " + dir.resolve("config.json") + ": unknown optimizer 'gd' (expected one of zo-sgd, zo-sgd-mmt, "
                + "zo-adam, zo-sgd-sign, zo-sgd-cons, n-spsa, mezo-bcd); give --optimizer", "stability", "--from-run", dir.toString());
        assertEquals(0, zo("stability", "--from-run", dir.toString(), "--optimizer", "zo-sgd").code());
        write("config.json", "{oops");
        Run malformed = zo("stability", "--from-run", dir.toString());
        assertEquals(1, malformed.code());
        assertTrue(malformed.err().startsWith("zo: " + dir.resolve("config.json") + ": malformed JSON"), malformed.err());
        assertEquals(1, malformed.err().lines().count(), malformed.err());
    }

    @Test
    void badInputIsAOneLineErrorWithNonZeroExit() throws IOException {
        Path empty = write("empty.txt", "# nothing\n");
        Path words = write("words.txt", "1\nten\n");
        Path ok = write("ok.txt", "1\n");
        assertError(1, "zo: " + empty + ": no eigenvalues (file is empty or only comments)",
                "stability", "--lr", "1", "--spectrum", empty.toString());
        assertError(1, "zo: " + words + ":2: 'ten' is not a number", "stability", "--lr", "1", "--spectrum", words.toString());
        Run indefinite = zo("stability", "--lr", "1e-3", "--spectrum", write("indefinite.txt", "3\n-1\n").toString(), "--json");
        assertEquals(0, indefinite.code(), indefinite.err());
        JsonNode n = new ObjectMapper().readTree(indefinite.out());
        assertEquals("unstable", n.get("verdict").asText(), "an indefinite H is unstable at every lr");
        assertEquals(0, n.get("eta_star").asDouble());
        assertTrue(n.get("lower_bound").isNull());
        assertError(1, "zo: --trace must be finite and > 0, got -3.0", "stability", "--lr", "1", "--trace", "-3");
        assertError(1, "zo: --lr must be finite and > 0, got 0.0", "stability", "--lr", "0", "--trace", "3");
        assertError(1, "zo: --lr must be finite and > 0, got -1.0", "stability", "--lr", "-1", "--spectrum", ok.toString());
        assertError(1, "zo: --momentum must be in [0, 1), got 1.0", "stability", "--lr", "1", "--optimizer", "zo-sgd-mmt",
                "--momentum", "1", "--trace", "3");
        assertError(1, "zo: --beta1 must be in [0, 1), got -0.5", "stability", "--lr", "1", "--optimizer", "zo-adam",
                "--beta1", "-0.5", "--trace", "3");
        assertError(1, "zo: --directions must be >= 1, got 0", "stability", "--lr", "1", "--directions", "0", "--trace", "3");
        assertError(1, "zo: give exactly one of --spectrum, --trace, --from-run", "stability", "--lr", "1");
        assertError(1, "zo: give exactly one of --spectrum, --trace, --from-run", "stability", "--lr", "1",
                "--trace", "2", "--spectrum", ok.toString());
        assertError(1, "zo: --lr is required", "stability", "--trace", "2");
        assertError(1, "zo: --optimizer zo-sgd-mmt needs --momentum", "stability", "--lr", "1", "--optimizer", "zo-sgd-mmt",
                "--trace", "2");
        assertError(1, "zo: --momentum needs --optimizer zo-sgd-mmt (zo-adam has none)", "stability", "--lr", "1",
                "--optimizer", "zo-adam", "--momentum", "0.9", "--trace", "2");
        assertError(1, "zo: --beta1 needs --optimizer zo-adam (zo-sgd-mmt has none)", "stability", "--lr", "1",
                "--optimizer", "zo-sgd-mmt", "--momentum", "0.9", "--beta1", "0.9", "--trace", "2");
        assertError(1, "zo: --directions 4 needs --optimizer n-spsa (zo-adam takes one direction per step)", "stability",
                "--lr", "1", "--optimizer", "zo-adam", "--directions", "4", "--trace", "2");
        assertError(1, "zo: --momentum and --beta1 imply different optimizers (zo-sgd-mmt, zo-adam): give --optimizer",
                "stability", "--lr", "1", "--momentum", "0.9", "--beta1", "0.9", "--trace", "2");
        assertError(1, "zo: --preconditioner needs --spectrum and --optimizer zo-adam", "stability", "--lr", "1",
                "--spectrum", ok.toString(), "--preconditioner", ok.toString());
        assertError(2, "zo stability: Invalid value for option '--optimizer': 'lion' is not one of zo-sgd, zo-sgd-mmt, "
                + "zo-adam, zo-sgd-sign, zo-sgd-cons, n-spsa, mezo-bcd (zo stability --help for usage)", "stability", "--lr", "1",
                "--optimizer", "lion", "--trace", "2");
        for (String[] former : new String[][] {{"gd", "zo-sgd"}, {"gdm", "zo-sgd-mmt"}, {"adam", "zo-adam"}}) {
            assertError(2, "zo stability: Invalid value for option '--optimizer': '" + former[0] + "' is not an optimizer id; use "
                    + former[1] + " (zo stability --help for usage)", "stability", "--lr", "1", "--optimizer", former[0],
                    "--trace", "2");
        }
        assertError(1, "zo: lambda-min 6.0 exceeds lambda-max 5.0", "stability", "--lr", "1",
                "--trace", "2", "--lambda-max", "5", "--lambda-min", "6");
        Run typo = zo("stability", "--lr", "abc", "--trace", "2"); // picocli's own parameter error
        assertEquals(2, typo.code());
        assertTrue(typo.err().lines().findFirst().orElse("").contains("'abc'"), typo.err());
    }

    private static void assertError(int code, String line, String... args) {
        Run r = zo(args);
        assertEquals(code, r.code(), String.join(" ", args));
        assertEquals(line, r.err().strip(), String.join(" ", args));
        assertEquals("", r.out());
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }
}
