package dev.zotuner.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.zotuner.tuner.cli.SeedStatistics;
import dev.zotuner.tuner.io.AtomicFiles;
import dev.zotuner.tuner.rundir.RunDirectoryException;
import dev.zotuner.tuner.rundir.RunSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sweep's aggregate: per run its status and final dev/test accuracy (from {@code summary.json}: the best-on-dev
 * checkpoint and its test score), per grid cell the mean ± standard deviation over seeds of the completed runs
 * (population sd, as LM-BFF and MeZO report, {@link SeedStatistics}). Written as {@code sweep.md} and {@code sweep.json}.
 *
 * @param runs  one row per grid run, grid order
 * @param cells one row per grid cell, grid order
 */
public record SweepTable(List<RunRow> runs, List<CellRow> cells) {

    /** Markdown table file under the sweep root. */
    public static final String MARKDOWN = "sweep.md";
    /** JSON file under the sweep root. */
    public static final String JSON = "sweep.json";

    /**
     * One run.
     *
     * @param name    run name (its directory under {@code runs/})
     * @param cell    its grid cell
     * @param seed    its seed
     * @param status  {@code completed}, {@code diverged}, or {@code missing} (no summary.json)
     * @param steps   updates applied
     * @param bestDev best dev accuracy (NaN when missing)
     * @param test    test accuracy of the best-on-dev weights (NaN unless completed)
     */
    public record RunRow(String name, String cell, long seed, String status, long steps, double bestDev, double test) {
    }

    /**
     * One grid cell over its seeds.
     *
     * @param cell      cell name
     * @param task      task
     * @param model     model (null: default)
     * @param optimizer optimizer id
     * @param lr        learning rate
     * @param completed completed runs (of {@code runs})
     * @param runs      runs in the cell
     * @param devMean   mean best dev accuracy of the completed runs
     * @param devSd     its sd
     * @param testMean  mean test accuracy of the completed runs
     * @param testSd    its sd
     */
    public record CellRow(String cell, String task, String model, String optimizer, double lr, int completed, int runs,
                          double devMean, double devSd, double testMean, double testSd) {
    }

    /** Reads every run's {@code summary.json} under {@code runsDir}. */
    public static SweepTable of(List<GridRun> grid, Path runsDir) {
        List<RunRow> runs = new ArrayList<>();
        Map<String, List<RunRow>> byCell = new LinkedHashMap<>();
        Map<String, GridRun> firstOfCell = new LinkedHashMap<>();
        for (GridRun g : grid) {
            Path file = runsDir.resolve(g.name()).resolve(RunSummary.FILE);
            RunRow row;
            if (Files.isRegularFile(file)) {
                RunSummary s;
                try {
                    s = RunSummary.read(file);
                } catch (RunDirectoryException e) {
                    throw new GridException(e.getMessage());
                }
                boolean completed = s.status().equals(RunSummary.COMPLETED);
                row = new RunRow(g.name(), g.cell(), g.seed(), s.status(), s.steps(), s.bestDevAccuracy(),
                        completed ? s.testAccuracy() : Double.NaN);
            } else {
                row = new RunRow(g.name(), g.cell(), g.seed(), "missing", 0, Double.NaN, Double.NaN);
            }
            runs.add(row);
            byCell.computeIfAbsent(g.cell(), c -> new ArrayList<>()).add(row);
            firstOfCell.putIfAbsent(g.cell(), g);
        }
        List<CellRow> cells = new ArrayList<>();
        for (Map.Entry<String, List<RunRow>> e : byCell.entrySet()) {
            List<RunRow> done = e.getValue().stream().filter(r -> r.status().equals("completed")).toList();
            double[] dev = done.stream().mapToDouble(RunRow::bestDev).toArray();
            double[] test = done.stream().mapToDouble(RunRow::test).toArray();
            GridRun g = firstOfCell.get(e.getKey());
            cells.add(new CellRow(e.getKey(), g.task(), g.model(), g.optimizer(), g.lr(), done.size(), e.getValue().size(),
                    done.isEmpty() ? Double.NaN : SeedStatistics.mean(dev), done.isEmpty() ? Double.NaN : SeedStatistics.std(dev),
                    done.isEmpty() ? Double.NaN : SeedStatistics.mean(test), done.isEmpty() ? Double.NaN : SeedStatistics.std(test)));
        }
        return new SweepTable(runs, cells);
    }

    /** The markdown: the cell table (accuracies in %, mean ± sd over seeds), then the run table. */
    public String markdown() {
        StringBuilder b = new StringBuilder("# Sweep\n\nMean ± sd over seeds of the completed runs (population sd); dev is "
                + "the best dev accuracy, test the test accuracy of the best-on-dev weights.\n\n");
        b.append("| cell | task | model | optimizer | lr | runs done | dev acc (%) | test acc (%) |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (CellRow c : cells) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d/%d | %s | %s |%n", c.cell(), c.task(),
                    c.model() == null ? "default" : c.model(), c.optimizer(), Grid.lr(c.lr()), c.completed(), c.runs(),
                    pm(c.devMean(), c.devSd()), pm(c.testMean(), c.testSd())));
        }
        b.append("\n| run | seed | status | steps | best dev acc (%) | test acc (%) |\n|---|---|---|---|---|---|\n");
        for (RunRow r : runs) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %s | %s |%n", r.name(), r.seed(), r.status(), r.steps(),
                    pct(r.bestDev()), pct(r.test())));
        }
        return b.toString();
    }

    private static String pm(double mean, double sd) {
        return Double.isNaN(mean) ? "–" : String.format(Locale.ROOT, "%.1f ± %.1f", 100 * mean, 100 * sd);
    }

    private static String pct(double x) {
        return Double.isNaN(x) ? "–" : String.format(Locale.ROOT, "%.1f", 100 * x);
    }

    /** Writes {@link #MARKDOWN} and {@link #JSON} into {@code root} (atomically); returns their paths. */
    public List<Path> write(Path root) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path md = root.resolve(MARKDOWN);
        Path json = root.resolve(JSON);
        AtomicFiles.write(md, out -> out.write(markdown().getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(json, out -> out.write(mapper.writeValueAsBytes(Map.of("runs", runs, "cells", cells))));
        return List.of(md, json);
    }
}
