package dev.zotuner.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.tuner.cli.FineTuneCommand;
import dev.zotuner.tuner.optim.ZoMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * A sweep grid ({@code GRID.json}): tasks × models × optimizers × learning rates × seeds, plus fine-tune options every
 * run shares. Example:
 *
 * <pre>{@code
 * {"tasks": ["sst2", "trec"], "seeds": [13, 42, 87], "optimizers": ["zo-sgd", "n-spsa"], "lrs": [1e-6, 1e-5],
 *  "models": ["default"], "options": {"steps": 1000, "k": 16, "eval-every": 100, "directions": 4}}
 * }</pre>
 *
 * {@code models} is optional (default: the finetune default); {@code options} are {@code zo finetune} options without
 * their dashes (a boolean {@code true} is a flag). Every error is one line naming the file and field.
 *
 * @param tasks      task names or training files
 * @param models     model names or paths; empty = finetune's default
 * @param optimizers optimizer ids
 * @param lrs        learning rates
 * @param seeds      split and run seeds
 * @param options    shared finetune options, name → value as given on the command line
 */
public record Grid(List<String> tasks, List<String> models, List<String> optimizers, List<Double> lrs, List<Long> seeds,
                   Map<String, String> options) {

    /** Options the grid itself sets per run, or the sweep sets: not allowed in {@code options}. */
    static final Set<String> RESERVED = Set.of("task", "model", "optimizer", "lr", "seed", "run-dir", "resume", "master",
            "workers", "help", "version");
    private static final List<String> FIELDS = List.of("tasks", "seeds", "optimizers", "lrs", "models", "options");

    public Grid {
        tasks = List.copyOf(tasks);
        models = List.copyOf(models);
        optimizers = List.copyOf(optimizers);
        lrs = List.copyOf(lrs);
        seeds = List.copyOf(seeds);
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** Reads and checks {@code file}; any problem → {@link GridException} with a one-line message. */
    public static Grid read(Path file) {
        return parse(text(file), file.toString());
    }

    /** The text of a grid file; unreadable → {@link GridException}. */
    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GridException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Parses and checks {@code text}, naming {@code source} in errors. */
    public static Grid parse(String text, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new GridException(source + ": line " + e.getLocation().getLineNr() + ": not JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new GridException(source + ": must be a JSON object with " + String.join(", ", FIELDS));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new GridException(source + ": unknown field '" + f + "' (expected " + String.join(", ", FIELDS) + ")");
            }
        }
        List<String> tasks = strings(root, "tasks", source, true);
        List<String> models = strings(root, "models", source, false);
        List<String> optimizers = strings(root, "optimizers", source, true);
        for (String o : optimizers) {
            try {
                ZoMethod.parse(o);
            } catch (IllegalArgumentException e) {
                throw new GridException(source + ": optimizers: " + e.getMessage());
            }
        }
        List<Double> lrs = new ArrayList<>();
        for (JsonNode n : array(root, "lrs", source)) {
            if (!n.isNumber() || !(n.asDouble() > 0) || !Double.isFinite(n.asDouble())) {
                throw new GridException(source + ": lrs: " + n + " is not a positive number");
            }
            lrs.add(n.asDouble());
        }
        List<Long> seeds = new ArrayList<>();
        for (JsonNode n : array(root, "seeds", source)) {
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw new GridException(source + ": seeds: " + n + " is not an integer");
            }
            seeds.add(n.asLong());
        }
        Map<String, String> options = new LinkedHashMap<>();
        JsonNode opts = root.get("options");
        if (opts != null && !opts.isNull()) {
            if (!opts.isObject()) {
                throw new GridException(source + ": options: must be an object of finetune options");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = opts.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey().startsWith("--") ? e.getKey().substring(2) : e.getKey();
                if (RESERVED.contains(name)) {
                    throw new GridException(source + ": options." + e.getKey() + ": set by the grid or the sweep, not an option");
                }
                JsonNode v = e.getValue();
                if (!v.isValueNode() || v.isNull()) {
                    throw new GridException(source + ": options." + e.getKey() + ": must be a string, number or boolean");
                }
                options.put(name, v.isBoolean() ? Boolean.toString(v.asBoolean()) : v.asText());
            }
        }
        Grid grid = new Grid(tasks, models, optimizers, lrs, seeds, options);
        grid.check(source);
        return grid;
    }

    /** Every run's arguments parse as {@code zo finetune}'s, and run names are distinct. */
    private void check(String source) {
        Set<String> names = new HashSet<>();
        for (GridRun run : runs()) {
            if (!names.add(run.name())) {
                throw new GridException(source + ": two runs are both named " + run.name() + " (repeated or clashing "
                        + "tasks, models, optimizers, lrs or seeds)");
            }
            try {
                FineTuneCommand.checkArguments(run.arguments());
            } catch (CommandLine.ParameterException e) {
                throw new GridException(source + ": options: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    /** The runs, in grid order (task, model, optimizer, lr, seed). */
    public List<GridRun> runs() {
        List<GridRun> runs = new ArrayList<>();
        List<String> ms = models.isEmpty() ? java.util.Collections.singletonList(null) : models;
        for (String task : tasks) {
            for (String model : ms) {
                for (String optimizer : optimizers) {
                    for (double lr : lrs) {
                        for (long seed : seeds) {
                            runs.add(new GridRun(task, model, optimizer, lr, seed, options));
                        }
                    }
                }
            }
        }
        return runs;
    }

    /** A learning rate as written in names and tables: {@code 1e-5}, {@code 0.003}. */
    static String lr(double lr) {
        String s = Double.toString(lr);     // scientific below 1e-3: "1.0E-5", "2.5E-5"; else "0.003", "2.0"
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return e < 0 ? mantissa : mantissa + "e" + s.substring(e + 1);
    }

    private static List<String> strings(JsonNode root, String field, String source, boolean required) {
        List<String> out = new ArrayList<>();
        if (!required && (root.get(field) == null || root.get(field).isNull())) {
            return out;
        }
        for (JsonNode n : array(root, field, source)) {
            if (!n.isTextual() || n.asText().isBlank()) {
                throw new GridException(source + ": " + field + ": " + n + " is not a non-empty string");
            }
            out.add(n.asText());
        }
        return out;
    }

    private static List<JsonNode> array(JsonNode root, String field, String source) {
        JsonNode a = root.get(field);
        if (a == null || a.isNull()) {
            throw new GridException(source + ": " + field + ": missing (a non-empty array)");
        }
        if (!a.isArray() || a.isEmpty()) {
            throw new GridException(source + ": " + field + ": must be a non-empty array");
        }
        List<JsonNode> out = new ArrayList<>();
        a.forEach(out::add);
        return out;
    }
}
