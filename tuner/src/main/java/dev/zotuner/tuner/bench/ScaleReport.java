package dev.zotuner.tuner.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON of {@code zo bench scale}: when and where it ran (date, processors, Java, the children's JVM options, the
 * load average before and after), its settings, and per model the census, every figure (ok, cause, peak RSS, wall
 * time, values) and the ratios with their targets; {@link #parse} reads it back (the census's tensor count is not
 * kept), so its markdown can be rendered again.
 *
 * @param date          ISO date-time of the start
 * @param cpus          processors of the machine
 * @param javaVersion   the Java version
 * @param jvm           how children were started
 * @param settings      what ran
 * @param loadStart     1-minute load average at the start
 * @param loadEnd       at the end
 * @param seconds       wall time of the whole benchmark
 * @param models        the results
 */
public record ScaleReport(String date, int cpus, String javaVersion, ChildJvm jvm, ScaleSettings settings, double loadStart, double loadEnd,
                          double seconds, List<ModelResult> models) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The fields of a figure's JSON object that are not its values. */
    private static final Set<String> FIGURE_FIELDS = Set.of("ok", "cause", "peak_rss_mib", "seconds");

    public ScaleReport {
        models = List.copyOf(models);
    }

    /** A report of this machine and Java. */
    public static ScaleReport here(String date, ChildJvm jvm, ScaleSettings settings, double loadStart, double loadEnd,
                                   double seconds, List<ModelResult> models) {
        return new ScaleReport(date, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), jvm,
                settings, loadStart, loadEnd, seconds, models);
    }

    /** The report as indented JSON. */
    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "zo bench scale");
        root.put("date", date);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", cpus);
        machine.put("java", javaVersion);
        machine.put("child_jvm_options", jvm.jvmOptions());
        machine.put("load_average_at_start", loadStart);
        machine.put("load_average_at_end", loadEnd);
        root.put("machine", machine);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("task", settings.task());
        s.put("k", settings.k());
        s.put("test_cap", settings.testCap());
        s.put("steps", settings.steps());
        s.put("batch", settings.batch());
        s.put("seq", settings.seq());
        s.put("ort_threads", settings.threads());
        s.put("runs", settings.runs());
        s.put("seed", settings.seed());
        s.put("timeout_s", jvm.timeoutSeconds());
        root.put("settings", s);
        root.put("seconds", seconds);
        root.put("models", models.stream().map(ScaleReport::model).toList());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The markdown: a heading with the date, machine and settings, then {@link ScaleTable}. */
    public String markdown() {
        return String.format(Locale.ROOT, "# zo bench scale, %s%n%n%d CPUs, Java %s, child JVMs %s; load average "
                        + "%.1f → %.1f; task %s (k %d, %d test examples, %d steps), ORT batch %d × %d with %d threads; "
                        + "%.0f s in all.%n%n", date, cpus, javaVersion,
                String.join(" ", jvm.jvmOptions()), loadStart, loadEnd, settings.task(), settings.k(), settings.testCap(),
                settings.steps(), settings.batch(), settings.seq(), settings.threads(), seconds) + ScaleTable.markdown(models);
    }

    /** Reads a report written by {@link #json()} back (to render its markdown again). */
    public static ScaleReport parse(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode s = root.path("settings");
            List<ScaleFigure> figures = new ArrayList<>();
            List<ModelResult> models = new ArrayList<>();
            for (JsonNode m : root.path("models")) {
                List<FigureResult> results = new ArrayList<>();
                for (ScaleFigure f : ScaleFigure.values()) {
                    JsonNode r = m.path("figures").path(f.id());
                    if (r.isMissingNode()) {
                        continue;
                    }
                    if (!figures.contains(f)) {
                        figures.add(f);
                    }
                    Map<String, Double> values = new LinkedHashMap<>();
                    r.properties().forEach(e -> {
                        if (!FIGURE_FIELDS.contains(e.getKey())) {
                            values.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN);
                        }
                    });
                    results.add(new FigureResult(f, r.path("ok").asBoolean(), r.path("cause").asText(""),
                            r.path("peak_rss_mib").isNumber() ? r.path("peak_rss_mib").asDouble() : Double.NaN,
                            r.path("seconds").asDouble(), values));
                }
                models.add(new ModelResult(m.path("name").asText(), m.path("dir").asText(), new WeightCensus(
                        m.path("parameters").asLong(), m.path("weight_values").asLong(), m.path("weight_bytes").asLong(),
                        m.path("file_bytes").asLong(), 0, m.path("tied_copies").asInt()), results));
            }
            List<String> options = new ArrayList<>();
            root.path("machine").path("child_jvm_options").forEach(o -> options.add(o.asText()));
            ChildJvm jvm = new ChildJvm(Path.of("java"), options, "", s.path("timeout_s").asDouble());
            ScaleSettings settings = new ScaleSettings(s.path("task").asText(), s.path("k").asInt(), s.path("test_cap").asInt(),
                    s.path("steps").asInt(), s.path("batch").asInt(), s.path("seq").asInt(), s.path("ort_threads").asInt(),
                    s.path("runs").asInt(), s.path("seed").asLong(), figures);
            return new ScaleReport(root.path("date").asText(), root.path("machine").path("cpus").asInt(),
                    root.path("machine").path("java").asText(), jvm, settings,
                    root.path("machine").path("load_average_at_start").asDouble(),
                    root.path("machine").path("load_average_at_end").asDouble(), root.path("seconds").asDouble(), models);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a zo bench scale report (" + e.getMessage() + ")", e);
        }
    }

    private static Map<String, Object> model(ModelResult m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", m.name());
        out.put("dir", m.dir());
        out.put("parameters", m.census().parameters());
        out.put("weight_values", m.census().weightValues());
        out.put("weight_bytes", m.census().weightBytes());
        out.put("file_bytes", m.census().fileBytes());
        out.put("tied_copies", m.census().tiedCopies());
        Map<String, Object> figures = new LinkedHashMap<>();
        for (FigureResult r : m.figures()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("ok", r.ok());
            if (!r.ok()) {
                f.put("cause", r.cause());
            }
            f.put("peak_rss_mib", Double.isNaN(r.peakRssMib()) ? null : r.peakRssMib());
            f.put("seconds", r.seconds());
            r.values().forEach((k, v) -> f.put(k, v.isNaN() ? null : v));
            figures.put(r.figure().id(), f);
        }
        out.put("figures", figures);
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (ScaleRatios.Ratio r : ScaleRatios.of(m)) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("value", r.measured() ? r.value() : null);
            v.put("target", r.target());
            v.put("meets", r.measured() ? r.meets() : null);
            ratios.put(r.id(), v);
        }
        out.put("ratios", ratios);
        return out;
    }
}
