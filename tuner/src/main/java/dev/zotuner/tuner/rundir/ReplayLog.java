package dev.zotuner.tuner.rundir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the replay log of a run: the {@code "type":"step"} lines of its {@code metrics.jsonl}, in
 * file order. Together with the base model and {@code config.json} they rebuild θ at any step — a
 * checkpoint of kilobytes. Other line types are skipped, as is a final line cut short.
 */
public final class ReplayLog {

    private ReplayLog() {
    }

    /**
     * The steps in {@code metricsFile} (none when it does not exist). A step line without {@code seed} (a run written
     * before the replay log existed), any malformed line, or a file that cannot be read → {@link RunDirectoryException}
     * naming {@code file:line}.
     */
    public static List<ReplayStep> read(Path metricsFile) {
        String file = metricsFile.toString();
        if (!Files.exists(metricsFile)) {
            return List.of();
        }
        ObjectMapper mapper = JsonFields.mapper();
        List<ReplayStep> steps = new ArrayList<>();
        for (JsonFields f : MetricsLog.objects(JsonFields.text(metricsFile), file)) {
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
            if (!StepRecord.LINE_FIELDS.contains(e.getKey())) {
                extras.put(e.getKey(), mapper.convertValue(e.getValue(), Object.class));
            }
        }
        return extras;
    }
}
