package dev.zotuner.tuner.stability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The last curvature estimate of a run, read from its {@code metrics.jsonl} (one JSON object per
 * line). Fields: {@code trace}, {@code trace_se}, {@code lambda_max}, {@code trace_sq} (curvature,
 * for Adam of P⁻¹H), {@code lr}, {@code momentum}, {@code beta1}, {@code directions}. A run's
 * {@code lambda_max} is a forward-only (Rayleigh–Ritz) estimate, hence read as a LOWER bound on
 * λmax ({@link Curvature#lambdaMaxIsLowerBound}). The last line
 * with a numeric {@code trace} wins; hyper-parameters missing there come from the latest earlier
 * line that has them ({@code directions}: only that line's). An unterminated, unparsable last line
 * (a run still writing) is skipped. The lines' {@code optimizer} field (the linearised rule,
 * {@link ZoUpdate#label}) is not read: a run's optimizer id is in its {@code config.json}.
 *
 * @param file         the metrics file read
 * @param line         1-based line of the curvature estimate
 * @param curvature    the estimate
 * @param learningRate {@code lr}, NaN if absent
 * @param momentum     {@code momentum}, NaN if absent
 * @param beta1        {@code beta1}, NaN if absent
 * @param directions   {@code directions} (a whole number ≥ 1), 0 if absent
 */
public record RunCurvature(Path file, int line, Curvature curvature, double learningRate,
                           double momentum, double beta1, int directions) {

    /** The metrics file name inside a run directory. */
    public static final String METRICS = "metrics.jsonl";

    /** Reads {@code dir/metrics.jsonl} (or {@code dir} itself when it is a file). */
    public static RunCurvature read(Path dir) {
        Path file = Files.isDirectory(dir) ? dir.resolve(METRICS) : dir;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        ObjectMapper json = new ObjectMapper();
        String[] lines = text.split("\n", -1);
        RunCurvature found = null;
        double lr = Double.NaN;
        double momentum = Double.NaN;
        double beta1 = Double.NaN;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i].strip();
            if (raw.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(raw);
            } catch (JsonProcessingException e) {
                if (i == lines.length - 1) {
                    break; // unterminated last line: the run is still writing it
                }
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": not valid JSON ("
                        + e.getOriginalMessage().lines().findFirst().orElse("") + ")", e);
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected a JSON object");
            }
            lr = number(node, "lr", file, i, lr);
            momentum = number(node, "momentum", file, i, momentum);
            beta1 = number(node, "beta1", file, i, beta1);
            double trace = number(node, "trace", file, i, Double.NaN);
            if (!Double.isNaN(trace)) {
                Curvature c;
                try {
                    c = new Curvature(trace, number(node, "trace_se", file, i, Double.NaN),
                            number(node, "lambda_max", file, i, Double.NaN),
                            number(node, "trace_sq", file, i, Double.NaN), true,
                            number(node, "trace_sq_se", file, i, Double.NaN), Double.NaN);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
                }
                found = new RunCurvature(file, i + 1, c, lr, momentum, beta1, directions(node, file, i));
            }
        }
        if (found == null) {
            throw new IllegalArgumentException(file + ": no line has a 'trace' field (no curvature estimate yet)");
        }
        return found;
    }

    /** The curvature line's {@code directions} (step lines use the name for their list of directions), 0 when absent. */
    private static int directions(JsonNode node, Path file, int i) {
        double n = number(node, "directions", file, i, 0);
        if (n != 0 && !(n >= 1 && n == Math.rint(n) && n <= Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(file + ":" + (i + 1) + ": field 'directions' must be a whole number >= 1, got "
                    + node.get("directions"));
        }
        return (int) n;
    }

    /** A numeric field, {@code absent} when missing or null; an error when of another type. */
    private static double number(JsonNode node, String field, Path file, int i, double absent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(file + ":" + (i + 1) + ": field '" + field
                    + "' is not a number: " + v);
        }
        return v.asDouble();
    }
}
