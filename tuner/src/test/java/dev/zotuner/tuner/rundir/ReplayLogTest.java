package dev.zotuner.tuner.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on lines written here; that it reads what {@code run.MetricsWriter} writes is {@code MetricsWriterTest}'s. */
class ReplayLogTest {

    @TempDir
    Path dir;

    private static String stepLine(long step, long seed, double g, double lr, String extras) throws Exception {
        ObjectNode line = JsonFields.mapper().createObjectNode();
        line.put("type", "step").put("step", step).put("seed", seed).put("loss_plus", 0.7).put("loss_minus", 0.6)
                .put("projected_grad", g).put("lr", lr).put("seconds", 0.1).put("train_seconds", 0.05);
        String json = JsonFields.mapper().writeValueAsString(line);
        return (extras.isEmpty() ? json : json.substring(0, json.length() - 1) + "," + extras + "}") + "\n";
    }

    @Test
    void stepLinesComeBackInOrderBitForBitWithTheOptimizersFieldsOnly() throws Exception {
        Random random = new Random(11);
        StringBuilder text = new StringBuilder("{\"type\":\"eval\",\"step\":0,\"split\":\"dev\",\"accuracy\":0.5}\n\n");
        List<double[]> written = new ArrayList<>();
        for (int t = 1; t <= 100; t++) {
            long seed = random.nextLong();
            double g = random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
            double lr = 1e-6 * (1 + random.nextDouble());
            text.append(stepLine(t, seed, g, lr, "\"accepted\":1,\"block\":" + (t % 3)
                    + ",\"more_directions\":[[\"" + seed + "\"," + g + ",0.5,0.4]]"));
            written.add(new double[] {seed, g, lr});
            if (t % 30 == 0) {
                text.append("{\"type\":\"curvature\",\"step\":").append(t).append(",\"trace\":2.0}\n");
            }
        }
        text.append("{\"type\":\"step\",\"step\":101,\"se");       // a write cut short
        Path file = Files.writeString(dir.resolve("metrics.jsonl"), text);
        List<ReplayStep> read = ReplayLog.read(file);
        assertEquals(100, read.size());
        random = new Random(11);
        for (int i = 0; i < read.size(); i++) {
            ReplayStep r = read.get(i);
            assertEquals(i + 1, r.step());
            assertEquals(random.nextLong(), r.seed());
            assertEquals(Double.doubleToRawLongBits(written.get(i)[1]), Double.doubleToRawLongBits(r.projectedGrad()));
            assertEquals(Double.doubleToRawLongBits(written.get(i)[2]), Double.doubleToRawLongBits(r.lr()));
            random.nextGaussian();
            random.nextInt(40);
            random.nextDouble();
            assertEquals(List.of("accepted", "block", "more_directions"), List.copyOf(r.extras().keySet()));
            assertEquals((i + 1) % 3, r.extras().get("block"));
        }
    }

    @Test
    void aMissingFileHasNoSteps() {
        assertEquals(List.of(), ReplayLog.read(dir.resolve("metrics.jsonl")));
    }

    @Test
    void aStepLineWithoutSeedOrAMalformedCompleteLineIsAnErrorNamingTheLine() throws Exception {
        Path file = Files.writeString(dir.resolve("metrics.jsonl"), "{\"type\":\"eval\",\"step\":0}\n"
                + "{\"type\":\"step\",\"step\":1,\"loss_plus\":1,\"loss_minus\":1,"
                + "\"projected_grad\":0,\"lr\":1,\"seconds\":1}\n");
        RunDirectoryException e = assertThrows(RunDirectoryException.class, () -> ReplayLog.read(file));
        assertEquals(file + ":2: step line has no 'seed' (written without a replay log)", e.getMessage());
        Files.writeString(file, stepLine(1, 5, 0.5, 1e-6, "") + "{\"type\":\"st\n" + stepLine(2, 6, 0.5, 1e-6, ""));
        String broken = assertThrows(RunDirectoryException.class, () -> ReplayLog.read(file)).getMessage();
        assertTrue(broken.startsWith(file + ":2: malformed JSON"), broken);
    }
}
