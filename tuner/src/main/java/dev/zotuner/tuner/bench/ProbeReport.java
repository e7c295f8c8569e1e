package dev.zotuner.tuner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a child of {@code zo bench scale} ({@code zo bench probe}) reports about itself in its result file, written
 * just before it exits: its exit status, its own peak RSS ({@code VmHWM} of {@code /proc/self/status}) and the
 * figure's values.
 *
 * <pre>{"exit_code": 0, "seconds": 12.5, "peak_rss_kib": 811232, "error": "", "values": {"session_s": 1.9}}</pre>
 *
 * @param exitCode   the measured command's exit status
 * @param seconds    time spent in the measured command
 * @param peakRssKib VmHWM at the end
 * @param error      a one-line error caught by the probe itself (e.g. {@code OutOfMemoryError}), else empty
 * @param values     the figure's values
 */
public record ProbeReport(int exitCode, double seconds, long peakRssKib, String error, Map<String, Double> values) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ProbeReport {
        error = error == null ? "" : error;
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The report as JSON. */
    public String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exit_code", exitCode);
        m.put("seconds", seconds);
        m.put("peak_rss_kib", peakRssKib);
        m.put("error", error);
        m.put("values", values);
        try {
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a report. */
    public static ProbeReport parse(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            Map<String, Double> values = new LinkedHashMap<>();
            n.path("values").properties().forEach(e -> values.put(e.getKey(), e.getValue().asDouble(Double.NaN)));
            return new ProbeReport(n.path("exit_code").asInt(-1), n.path("seconds").asDouble(Double.NaN),
                    n.path("peak_rss_kib").asLong(-1), n.path("error").asText(""), values);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a probe report (" + e.getMessage() + ")", e);
        }
    }

    /** The report in {@code file}, if the child got to write it. */
    public static Optional<ProbeReport> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(parse(Files.readString(file))) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
