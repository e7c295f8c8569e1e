package dev.zotuner.tuner.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One figure of one model in {@code zo bench scale}.
 *
 * @param figure     which measurement
 * @param ok         whether the command succeeded
 * @param cause      why it failed, one line (empty when ok)
 * @param peakRssMib the child's peak resident set (VmHWM), MiB; for a failure, the peak up to the failure (from the
 *                   child's own report, else the last value the parent polled; NaN if neither)
 * @param seconds    wall time of the child JVM, start to exit
 * @param values     the figure's timings and counts ({@code session_s}, {@code forward_ms}, {@code load_s},
 *                   {@code step_ms}, ...)
 */
public record FigureResult(ScaleFigure figure, boolean ok, String cause, double peakRssMib, double seconds,
                           Map<String, Double> values) {

    public FigureResult {
        cause = cause == null ? "" : cause;
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A figure that was not measured because another failed first. */
    public static FigureResult skipped(ScaleFigure figure, String cause) {
        return new FigureResult(figure, false, cause, Double.NaN, 0, Map.of());
    }

    /** A named value, if recorded. */
    public OptionalDouble value(String name) {
        Double v = values.get(name);
        return v == null || v.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** Peak RSS in GiB if the figure succeeded. */
    public OptionalDouble peakGib() {
        return ok && !Double.isNaN(peakRssMib) ? OptionalDouble.of(peakRssMib / 1024) : OptionalDouble.empty();
    }
}
