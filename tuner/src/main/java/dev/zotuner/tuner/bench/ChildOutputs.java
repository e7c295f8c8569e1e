package dev.zotuner.tuner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values {@code zo bench scale} reads from what a child command left: the timings of {@code zo bench step --json}
 * on its stdout, the seconds per step in a fine-tuning run's {@code metrics.jsonl}, the bytes of an export directory.
 */
public final class ChildOutputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChildOutputs() {
    }

    /**
     * The timings of {@code zo bench step --json} (the first JSON object on its stdout): {@code forward_ms},
     * {@code step_ms}, {@code bcd_step_ms} of its interleaved rounds, and of its runs of consecutive steps
     * {@code consecutive_forward_ms}, {@code plain_step_ms}, {@code look_ahead_step_ms}; empty if there is none.
     */
    public static Map<String, Double> stepTimings(String stdout) {
        Map<String, Double> out = new LinkedHashMap<>();
        int start = stdout.indexOf('{');
        if (start < 0) {
            return out;
        }
        try {
            JsonNode root = JSON.readTree(stdout.substring(start));
            copy(root.path("timing"), List.of("forward_ms", "step_ms", "bcd_step_ms"), "", out);
            copy(root.path("consecutive_steps"), List.of("forward_ms", "plain_step_ms", "look_ahead_step_ms"),
                    "consecutive_", out);
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static void copy(JsonNode from, List<String> keys, String prefix, Map<String, Double> to) {
        for (String key : keys) {
            if (from.path(key).isNumber()) {
                to.put(key.equals("forward_ms") ? prefix + key : key, from.path(key).asDouble());
            }
        }
    }

    /**
     * Seconds per step of a run (time in steps, evaluations excluded: the last step line's {@code train_seconds} over
     * its step), or NaN when the run logged no step.
     */
    public static double secondsPerStep(Path metricsJsonl) {
        if (!Files.isRegularFile(metricsJsonl)) {
            return Double.NaN;
        }
        try {
            double perStep = Double.NaN;
            for (String line : Files.readAllLines(metricsJsonl)) {
                JsonNode n = JSON.readTree(line);
                if (n.path("type").asText().equals("step") && n.path("step").asLong() > 0
                        && n.path("train_seconds").isNumber()) {
                    perStep = n.path("train_seconds").asDouble() / n.path("step").asLong();
                }
            }
            return perStep;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Bytes of the regular files in a directory (an export: the graph and its data files); 0 if it does not exist. */
    public static long directoryBytes(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            long bytes = 0;
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(p);
            }
            return bytes;
        } catch (IOException e) {
            return 0;
        }
    }
}
