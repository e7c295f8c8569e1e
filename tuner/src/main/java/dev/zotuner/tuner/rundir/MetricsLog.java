package dev.zotuner.tuner.rundir;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of one {@code metrics.jsonl}, by type, in file order. Lines of an unknown
 * {@code type} are skipped (newer writers may add types); blank lines are skipped. A final line
 * without its newline that does not parse is skipped too: the run is still being written.
 *
 * @param steps     {@code "type":"step"} records
 * @param evals     {@code "type":"eval"} records
 * @param curvature {@code "type":"curvature"} records
 */
public record MetricsLog(List<StepRecord> steps, List<EvalRecord> evals,
                         List<CurvatureRecord> curvature) {

    /** The file name inside a run directory. */
    public static final String FILE = "metrics.jsonl";

    public MetricsLog {
        steps = List.copyOf(steps);
        evals = List.copyOf(evals);
        curvature = List.copyOf(curvature);
    }

    /** Reads {@code file}; any malformed line → {@link RunDirectoryException} naming file:line. */
    public static MetricsLog read(Path file) {
        return parse(JsonFields.text(file), file.toString());
    }

    /** Parses the text of a metrics file named {@code file} (for messages). */
    static MetricsLog parse(String content, String file) {
        List<StepRecord> steps = new ArrayList<>();
        List<EvalRecord> evals = new ArrayList<>();
        List<CurvatureRecord> curvature = new ArrayList<>();
        for (JsonFields f : objects(content, file)) {
            switch (f.text("type")) {
                case "step": steps.add(StepRecord.of(f)); break;
                case "eval": evals.add(EvalRecord.of(f)); break;
                case "curvature": curvature.add(CurvatureRecord.of(f)); break;
                default: break;
            }
        }
        return new MetricsLog(steps, evals, curvature);
    }

    /**
     * The JSON objects of the text of a metrics file named {@code file}, in order: blank lines are skipped, and so is a
     * final line without its newline that does not parse (a write cut short); any other malformed line →
     * {@link RunDirectoryException} naming file:line.
     */
    static List<JsonFields> objects(String content, String file) {
        ObjectMapper mapper = JsonFields.mapper();
        List<JsonFields> objects = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                objects.add(JsonFields.parse(mapper, line, file, i + 1));
            } catch (RunDirectoryException e) {
                if (i == lines.length - 1) {
                    break;
                }
                throw e;
            }
        }
        return objects;
    }

    /** The evaluations on the development split, in file order. */
    public List<EvalRecord> devEvals() {
        return evals.stream().filter(EvalRecord::isDev).toList();
    }

    /** The evaluations on the test split, in file order. */
    public List<EvalRecord> testEvals() {
        return evals.stream().filter(EvalRecord::isTest).toList();
    }

    /** True when some curvature record carries a finite λmax lower bound. */
    public boolean hasLambdaMax() {
        return curvature.stream().anyMatch(c -> Double.isFinite(c.lambdaMax()));
    }
}
