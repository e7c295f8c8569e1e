package dev.zotuner.tuner.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

    private static final String STEP = "{\"type\":\"step\",\"step\":%d,\"loss_plus\":0.7,"
            + "\"loss_minus\":0.5,\"projected_grad\":1,\"lr\":1e-5,\"seconds\":1}";
    private static final String DEV = "{\"type\":\"eval\",\"step\":2,\"split\":\"dev\","
            + "\"accuracy\":0.6,\"macro_f1\":0.5,\"loss\":0.4}";
    private static final String TEST = "{\"type\":\"eval\",\"step\":2,\"split\":\"test\","
            + "\"accuracy\":0.55,\"macro_f1\":0.5,\"loss\":0.4}";
    private static final String CURV = "{\"type\":\"curvature\",\"step\":2,\"trace\":10,"
            + "\"trace_se\":1,\"trace_ci_low\":8,\"trace_ci_high\":12,\"probes\":4,\"lr\":1e-5,"
            + "\"threshold\":2e5,\"stability_s\":0.1}";

    @Test
    void splitsRecordsByTypeInFileOrderSkippingBlankAndUnknown() {
        String text = String.join("\n", STEP.formatted(1), "", STEP.formatted(2), DEV, TEST, CURV,
                "{\"type\":\"checkpoint\",\"step\":2}") + "\n";
        MetricsLog log = MetricsLog.parse(text, "m.jsonl");
        assertEquals(List.of(1L, 2L), log.steps().stream().map(StepRecord::step).toList());
        assertEquals(2, log.evals().size());
        assertEquals(List.of(0.6), log.devEvals().stream().map(EvalRecord::accuracy).toList());
        assertEquals(List.of(0.55), log.testEvals().stream().map(EvalRecord::accuracy).toList());
        assertEquals(1, log.curvature().size());
        assertFalse(log.hasLambdaMax());
    }

    @Test
    void malformedLineNamesFileAndLine() {
        String text = STEP.formatted(1) + "\n{\"type\":\"step\",\"step\":2,\n" + DEV + "\n";
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> MetricsLog.parse(text, "runs/a/metrics.jsonl"));
        assertTrue(e.getMessage().startsWith("runs/a/metrics.jsonl:2: malformed JSON"),
                e.getMessage());
        assertEquals(2, e.line());
    }

    @Test
    void missingTypeAndMissingFieldNameTheLine() {
        assertEquals("m.jsonl:2: missing field 'type'", assertThrows(RunDirectoryException.class,
                () -> MetricsLog.parse(STEP.formatted(1) + "\n{\"step\":2}\n", "m.jsonl"))
                .getMessage());
        assertEquals("m.jsonl:1: missing field 'trace_se'", assertThrows(
                RunDirectoryException.class, () -> MetricsLog.parse(
                        CURV.replace("\"trace_se\":1,", "") + "\n", "m.jsonl")).getMessage());
    }

    @Test
    void unterminatedTruncatedLastLineIsARunStillBeingWritten() {
        MetricsLog log = MetricsLog.parse(STEP.formatted(1) + "\n{\"type\":\"st", "m.jsonl");
        assertEquals(1, log.steps().size());
        assertThrows(RunDirectoryException.class,
                () -> MetricsLog.parse(STEP.formatted(1) + "\n{\"type\":\"st\n", "m.jsonl"));
    }

    @Test
    void lambdaMaxDetected() {
        MetricsLog log = MetricsLog.parse(CURV.replace("\"probes\":4,",
                "\"probes\":4,\"lambda_max\":3,") + "\n", "m.jsonl");
        assertTrue(log.hasLambdaMax());
        assertEquals(3.0, log.curvature().get(0).lambdaMax());
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metrics.jsonl");
        Files.writeString(file, STEP.formatted(7) + "\n");
        assertEquals(7L, MetricsLog.read(file).steps().get(0).step());
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> MetricsLog.read(dir.resolve("absent.jsonl")));
        assertTrue(e.getMessage().startsWith(dir.resolve("absent.jsonl") + ": cannot read"));
    }

    @Test
    void listsAreImmutable() {
        MetricsLog log = MetricsLog.parse(STEP.formatted(1) + "\n", "m.jsonl");
        assertThrows(UnsupportedOperationException.class, () -> log.steps().clear());
    }
}
