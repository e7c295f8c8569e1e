package dev.zotuner.tuner.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Test fixture: writes a run directory in the documented schema. Losses decay with seeded noise;
 * dev evals every 50 steps; a curvature record every {@code steps/10} steps whose trace is
 * {@code scale·1000·(j+1)} for the j-th record, so the last-20 % mean of Tr H·η/2 is known by hand.
 */
final class SyntheticRun {

    private SyntheticRun() {
    }

    /** A 300-step run with trace scale 1, λmax and a summary. */
    static Path write(Path dir, double lr, double eps, long seed) throws IOException {
        return write(dir, lr, eps, seed, 1.0, 300, true, true);
    }

    static Path write(Path dir, double lr, double eps, long seed, double scale, int steps,
                      boolean lambdaMax, boolean summary) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), String.format(Locale.ROOT,
                "{\"optimizer\":\"zo-sgd\",\"lr\":%s,\"eps\":%s,\"momentum\":0,\"task\":\"sst2\","
                        + "\"k\":16,\"seed\":%d,\"model\":\"default\",\"steps\":%d,\"batch\":\"full\"}",
                lr, eps, seed, steps));
        Random random = new Random(seed);
        StringBuilder m = new StringBuilder();
        int every = Math.max(1, steps / 10);
        for (int t = 1; t <= steps; t++) {
            double base = 0.7 * Math.exp(-t / 150.0) + 0.05;
            double lp = base * (1 + 0.2 * random.nextGaussian() * 0.5) + 0.01;
            double lm = base * (1 + 0.2 * random.nextGaussian() * 0.5) + 0.01;
            m.append(String.format(Locale.ROOT, "{\"type\":\"step\",\"step\":%d,\"loss_plus\":%.6f,"
                    + "\"loss_minus\":%.6f,\"projected_grad\":%.6f,\"lr\":%s,\"seconds\":%.3f}%n",
                    t, Math.abs(lp), Math.abs(lm), (lp - lm) / (2 * eps), lr, 0.05 * t));
            if (t % 50 == 0) {
                m.append(String.format(Locale.ROOT, "{\"type\":\"eval\",\"step\":%d,\"split\":\"dev\","
                        + "\"accuracy\":%s,\"macro_f1\":0.5,\"loss\":%.4f}%n",
                        t, devAccuracy(t), base));
            }
            if (t % every == 0) {
                int j = t / every - 1;
                double trace = scale * 1000.0 * (j + 1);
                double se = 100.0 + 10 * j;
                m.append(String.format(Locale.ROOT, "{\"type\":\"curvature\",\"step\":%d,"
                        + "\"trace\":%s,\"trace_se\":%s,\"trace_ci_low\":%s,\"trace_ci_high\":%s,"
                        + "\"probes\":8,%s\"lr\":%s,\"threshold\":%s,\"stability_s\":0.1}%n",
                        t, trace, se, trace - 1.96 * se, trace + 1.96 * se,
                        lambdaMax ? "\"lambda_max\":" + (0.3 * trace) + "," : "", lr, 2 / lr));
            }
        }
        Files.writeString(dir.resolve("metrics.jsonl"), m.toString(), StandardCharsets.UTF_8);
        if (summary) {
            Files.writeString(dir.resolve("summary.json"),
                    "{\"best_step\":300,\"best_dev_accuracy\":0.8,\"test_accuracy\":0.8125,"
                            + "\"test_macro_f1\":0.81}");
        }
        return dir;
    }

    /** Dev accuracy at step t: 0.5 + t/1000, so the last eval of a 300-step run is 0.8. */
    static double devAccuracy(int t) {
        return 0.5 + t / 1000.0;
    }
}
