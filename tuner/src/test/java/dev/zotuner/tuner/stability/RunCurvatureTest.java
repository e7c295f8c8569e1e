package dev.zotuner.tuner.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCurvatureTest {

    @TempDir
    Path dir;

    @Test
    void lastLineWithTraceWinsAndHyperParametersFallBack() throws IOException {
        Path f = metrics("{\"step\":0,\"lr\":1e-6,\"optimizer\":\"gdm\",\"momentum\":0.9}\n"
                + "{\"step\":10,\"trace\":100.0,\"trace_se\":5.0,\"directions\":4}\n"
                + "{\"type\":\"step\",\"step\":20,\"loss\":0.5,\"directions\":[{\"seed\":1,\"g\":0.5}]}\n"
                + "{\"step\":30,\"trace\":120.0,\"lambda_max\":30.0,\"trace_sq\":1500.0,\"lr\":2e-6,\"directions\":2}\n"
                + "{\"step\":40,\"loss\":0.4,\"lr\":3e-6}\n");
        RunCurvature run = RunCurvature.read(dir);
        assertEquals(f, run.file());
        assertEquals(4, run.line());
        assertEquals(new Curvature(120, Double.NaN, 30, 1500, true), run.curvature());
        assertEquals(Math.sqrt(1500), run.curvature().lambdaMaxUpper()); // a lower bound is no upper bound
        assertEquals(2e-6, run.learningRate());
        assertEquals(0.9, run.momentum());
        assertEquals(2, run.directions(), "the curvature line's; a step line's list of directions is not read");
        assertTrue(Double.isNaN(run.beta1()));
        assertEquals(run, RunCurvature.read(f)); // the file itself works too
    }

    @Test
    void skipsAnUnterminatedLastLineBeingWritten() throws IOException {
        metrics("{\"trace\":7.0,\"trace_se\":null}\n{\"trace\":8.0,\"lr");
        RunCurvature run = RunCurvature.read(dir);
        assertEquals(7.0, run.curvature().trace());
        assertEquals(1, run.line());
        assertEquals(0, run.directions());
        assertTrue(Double.isNaN(run.curvature().traceSe()));
    }

    @Test
    void errorsNameFileAndLine() throws IOException {
        Path f = metrics("{\"trace\":1.0}\n{oops\n{\"trace\":2.0}\n");
        assertTrue(message(dir).startsWith(f + ":2: not valid JSON ("), message(dir));
        metrics("{\"trace\":\"big\"}\n");
        assertEquals(f + ":1: field 'trace' is not a number: \"big\"", message(dir));
        metrics("{\"loss\":1}\n");
        assertEquals(f + ": no line has a 'trace' field (no curvature estimate yet)", message(dir));
        metrics("{\"loss\":1}\n{\"trace\":-3}\n");
        assertEquals(f + ":2: trace must be finite and > 0, got -3.0", message(dir));
        metrics("{\"trace\":2.0,\"directions\":1.5}\n");
        assertEquals(f + ":1: field 'directions' must be a whole number >= 1, got 1.5", message(dir));
        metrics("[1,2]\n");
        assertEquals(f + ":1: expected a JSON object", message(dir));
        Path empty = dir.resolve("empty");
        Files.createDirectory(empty);
        assertTrue(message(empty).startsWith(empty.resolve("metrics.jsonl") + ": cannot read (NoSuchFileException"));
    }

    private Path metrics(String text) throws IOException {
        Path f = dir.resolve(RunCurvature.METRICS);
        Files.writeString(f, text);
        return f;
    }

    private static String message(Path p) {
        String m = assertThrows(IllegalArgumentException.class, () -> RunCurvature.read(p)).getMessage();
        assertEquals(1, m.lines().count(), m);
        return m;
    }
}
