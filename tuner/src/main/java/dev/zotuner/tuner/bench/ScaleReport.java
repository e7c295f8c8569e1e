package dev.zotuner.tuner.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code zo bench scale}: when and where it ran (date, processors, Java, the children's JVM options, the
 * load average before and after), its settings, and per model the census, every figure (ok, cause, peak RSS, wall
 * time, values) and the ratios with their targets.
 *
 * @param date          ISO date-time of the start
 * @param jvm           how children were started
 * @param settings      what ran
 * @param loadStart     1-minute load average at the start
 * @param loadEnd       at the end
 * @param seconds       wall time of the whole benchmark
 * @param models        the results
 */
public record ScaleReport(String date, ChildJvm jvm, ScaleSettings settings, double loadStart, double loadEnd,
                          double seconds, List<ModelResult> models) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ScaleReport {
        models = List.copyOf(models);
    }

    /** The report as indented JSON. */
    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "zo bench scale");
        root.put("date", date);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
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
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
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
