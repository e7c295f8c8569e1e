package dev.zotuner.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run of a {@link Grid}: its cell (task, model, optimizer, lr), its seed and the shared options.
 *
 * @param task      task name or training file
 * @param model     model name or path, or null for finetune's default
 * @param optimizer optimizer id
 * @param lr        learning rate
 * @param seed      split and run seed
 * @param options   shared finetune options (name without dashes → value; "true"/"false" for flags)
 */
public record GridRun(String task, String model, String optimizer, double lr, long seed, Map<String, String> options) {

    public GridRun {
        options = Map.copyOf(options);
    }

    /** The run directory's name: {@code <task>[-<model>]-<optimizer>-lr<lr>-s<seed>}, file-name safe. */
    public String name() {
        return cell() + "-s" + seed;
    }

    /** The grid cell's name (the run name without the seed): runs of one cell are averaged over seeds. */
    public String cell() {
        StringBuilder b = new StringBuilder(stem(task));
        if (model != null) {
            b.append('-').append(stem(model));
        }
        return b.append('-').append(optimizer).append("-lr").append(Grid.lr(lr)).toString();
    }

    /** The {@code zo finetune} arguments of this run, without {@code --run-dir}. */
    public List<String> arguments() {
        List<String> a = new ArrayList<>(List.of("--task", task, "--seed", Long.toString(seed), "--optimizer", optimizer,
                "--lr", Double.toString(lr)));
        if (model != null) {
            a.addAll(List.of("--model", model));
        }
        options.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (e.getValue().equals("true")) {
                a.add("--" + e.getKey());
            } else if (!e.getValue().equals("false")) {
                a.add("--" + e.getKey());
                a.add(e.getValue());
            }
        });
        return a;
    }

    /** A path's file name without extension, or a name, with anything but letters, digits, '.', '_' and '-' as '_'. */
    static String stem(String nameOrPath) {
        String s = Path.of(nameOrPath).getFileName() == null ? nameOrPath : Path.of(nameOrPath).getFileName().toString();
        int dot = s.lastIndexOf('.');
        if (dot > 0 && (nameOrPath.contains("/") || nameOrPath.contains("\\") || s.matches(".*\\.(tsv|csv|jsonl|onnx)$"))) {
            s = s.substring(0, dot);
        }
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    }
}
