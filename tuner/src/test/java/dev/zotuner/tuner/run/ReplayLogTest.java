package dev.zotuner.tuner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.tuner.rundir.EvalRecord;
import dev.zotuner.tuner.rundir.ReplayStep;
import dev.zotuner.tuner.rundir.RunDirectoryException;
import dev.zotuner.tuner.rundir.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayLogTest {

    private static final double NAN = Double.NaN;

    @TempDir
    Path dir;

    @Test
    void seedsGradientsAndLearningRatesComeBackBitForBitWithTheOptimizersFields() throws Exception {
        Path file = dir.resolve("metrics.jsonl");
        Random random = new Random(11);
        List<ReplayStep> written = new ArrayList<>();
        try (MetricsWriter w = MetricsWriter.open(file)) {
            for (int t = 1; t <= 200; t++) {
                long seed = random.nextLong();
                double g = random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                double lr = 1e-6 * (1 + random.nextDouble());
                Map<String, Object> extras = Map.of("block", t % 7, "accepted", t % 3 - 1,
                        "directions", List.of(Map.of("seed", seed, "g", g)));
                w.step(new StepRecord(t, 0.7, 0.6, g, lr, t * 0.1, NAN, NAN, NAN), seed, extras);
                written.add(new ReplayStep(t, seed, g, lr, extras));
                if (t % 50 == 0) {
                    w.eval(new EvalRecord(t, "dev", 0.5, 0.5, 0.6));
                }
            }
        }
        // a kill in the middle of the next line
        Files.writeString(file, "{\"type\":\"step\",\"step\":201,\"se", StandardOpenOption.APPEND);
        List<ReplayStep> read = ReplayLog.read(file);
        assertEquals(written.size(), read.size());
        for (int i = 0; i < written.size(); i++) {
            ReplayStep a = written.get(i);
            ReplayStep b = read.get(i);
            assertEquals(a.step(), b.step());
            assertEquals(a.seed(), b.seed());
            assertEquals(Double.doubleToRawLongBits(a.projectedGrad()),
                    Double.doubleToRawLongBits(b.projectedGrad()));
            assertEquals(Double.doubleToRawLongBits(a.lr()), Double.doubleToRawLongBits(b.lr()));
            assertEquals(a.extras().get("block"), b.extras().get("block"));
            assertEquals(a.extras().get("accepted"), b.extras().get("accepted"));
            @SuppressWarnings("unchecked")
            Map<String, Object> direction =
                    ((List<Map<String, Object>>) b.extras().get("directions")).get(0);
            assertEquals(a.seed(), ((Number) direction.get("seed")).longValue());
            assertEquals(a.projectedGrad(), (Double) direction.get("g"));
            assertEquals(3, b.extras().size());
        }
    }

    @Test
    void aStepLineWithoutSeedIsAnErrorNamingTheLine() throws Exception {
        Path file = Files.writeString(dir.resolve("metrics.jsonl"), "{\"type\":\"eval\",\"step\":0}\n"
                + "{\"type\":\"step\",\"step\":1,\"loss_plus\":1,\"loss_minus\":1,"
                + "\"projected_grad\":0,\"lr\":1,\"seconds\":1}\n");
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> ReplayLog.read(file));
        assertEquals(file + ":2: step line has no 'seed' (written without a replay log)",
                e.getMessage());
    }
}
