package dev.zotuner.tuner.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.tuner.rundir.JsonFields;
import dev.zotuner.tuner.rundir.ReplayStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the replay log of a run: the {@code "type":"step"} lines of its {@code metrics.jsonl}, in
 * file order. Together with the base model and {@code config.json} they rebuild θ at any step — a
 * checkpoint of kilobytes. Other line types are skipped, as is a final line cut short.
 */
public final class ReplayLog {

    private ReplayLog() {
    }

    /**
     * The steps in {@code metricsFile}. A step line without {@code seed} (a run written before the
     * replay log existed), or any malformed line →
     * {@link dev.zotuner.tuner.rundir.RunDirectoryException} naming {@code file:line}.
     */
    public static List<ReplayStep> read(Path metricsFile) {
        String file = metricsFile.toString();
        ObjectMapper mapper = JsonFields.mapper();
        List<ReplayStep> steps = new ArrayList<>();
        for (LogLine line : LogLine.read(metricsFile)) {
            if (line.blank()) {
                continue;
            }
            Optional<JsonFields> parsed = line.parse(mapper, file);
            if (parsed.isEmpty()) {
                break;
            }
            JsonFields f = parsed.get();
            if (!"step".equals(f.text("type"))) {
                continue;
            }
            if (!f.has("seed")) {
                throw f.error("step line has no 'seed' (written without a replay log)");
            }
            steps.add(new ReplayStep(f.integer("step"), f.integer("seed"),
                    f.number("projected_grad"), f.number("lr"), extras(f.node(), mapper)));
        }
        return steps;
    }

    private static Map<String, Object> extras(JsonNode node, ObjectMapper mapper) {
        Map<String, Object> extras = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!MetricsWriter.STEP_FIELDS.contains(e.getKey())) {
                extras.put(e.getKey(), mapper.convertValue(e.getValue(), Object.class));
            }
        }
        return extras;
    }
}
