package dev.zotuner.tuner.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Legend labels for overlaid runs: the user's {@code --label}s, or labels built from each run's
 * config. A built label always shows {@code lr} and {@code eps} ({@code lr=1e-5 eps=1e-3}) and adds
 * every other setting that differs between the runs (optimizer first, bare); a run without config
 * is named by its directory, and labels that still collide get the directory appended.
 */
final class RunLabels {

    /** Always shown when present. */
    private static final List<String> ALWAYS = List.of("lr", "eps");
    /** Shown when the runs differ in them, in this order. */
    private static final List<String> WHEN_DIFFERENT = List.of("momentum", "beta1", "batch", "k",
            "seed", "task", "model", "steps");
    private static final String OPTIMIZER = "optimizer";

    private RunLabels() {
    }

    /**
     * One label per run.
     *
     * @param explicit the user's labels: empty, or exactly one per run, all distinct
     * @throws IllegalArgumentException when the explicit labels do not fit the runs
     */
    static List<String> of(List<Run> runs, List<String> explicit) {
        if (!explicit.isEmpty()) {
            if (explicit.size() != runs.size()) {
                throw new IllegalArgumentException("--label given " + explicit.size()
                        + " time(s) for " + runs.size() + " run(s); give one per run or none");
            }
            if (new HashSet<>(explicit).size() != explicit.size()) {
                throw new IllegalArgumentException("--label values must be distinct: " + explicit);
            }
            return List.copyOf(explicit);
        }
        List<String> labels = new ArrayList<>();
        for (Run run : runs) {
            labels.add(fromConfig(run, runs));
        }
        return disambiguate(labels, runs);
    }

    private static String fromConfig(Run run, List<Run> all) {
        List<String> parts = new ArrayList<>();
        if (differs(OPTIMIZER, all)) {
            run.config().get(OPTIMIZER).ifPresent(parts::add);
        }
        for (String key : ALWAYS) {
            run.config().get(key).ifPresent(v -> parts.add(key + "=" + v));
        }
        for (String key : WHEN_DIFFERENT) {
            if (differs(key, all)) {
                run.config().get(key).ifPresent(v -> parts.add(key + "=" + v));
            }
        }
        return parts.isEmpty() ? run.name() : String.join(" ", parts);
    }

    private static boolean differs(String key, List<Run> runs) {
        Set<Object> seen = new HashSet<>();
        for (Run run : runs) {
            seen.add(run.config().get(key));
        }
        return seen.size() > 1;
    }

    private static List<String> disambiguate(List<String> labels, List<Run> runs) {
        List<String> out = new ArrayList<>(labels);
        for (int i = 0; i < out.size(); i++) {
            if (labels.indexOf(labels.get(i)) != labels.lastIndexOf(labels.get(i))) {
                String dir = runs.get(i).name();
                out.set(i, labels.get(i).equals(dir) ? runs.get(i).dir().toString()
                        : labels.get(i) + " (" + dir + ")");
            }
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.indexOf(out.get(i)) != i) {
                out.set(i, out.get(i) + " #" + (i + 1));
            }
        }
        return List.copyOf(out);
    }
}
