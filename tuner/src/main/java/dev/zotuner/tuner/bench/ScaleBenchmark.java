package dev.zotuner.tuner.bench;

import dev.zotuner.models.source.ModelLocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code zo bench scale} for one model directory at a time: its {@link WeightCensus}, then every figure of the
 * {@link ScaleSettings} in a child JVM of its own ({@link ChildJvm}, command lines from {@link ScalePlan}), one after
 * the other. A figure that fails is a result with its one-line cause ({@link FailureCause}), never an error of the
 * benchmark; figures that need the full fine-tuning run (export) are skipped with the reason when it failed. Caches,
 * runs and exports live under the work directory and are deleted once used (multi-GB models leave no copies behind);
 * each figure's stdout and stderr stay there as {@code <figure>.out} / {@code <figure>.err}.
 */
public final class ScaleBenchmark {

    private final ChildJvm jvm;
    private final ScaleSettings settings;
    private final Path work;
    private final Consumer<String> log;
    private final BooleanSupplier stop;

    /**
     * @param jvm      how children are started
     * @param settings what to run
     * @param work     the work directory (one subdirectory per model, replaced on each run)
     * @param log      progress lines
     * @param stop     asked while a child runs: true → the child is ended and
     *                 {@link java.util.concurrent.CancellationException} thrown ({@link ChildJvm#run(List, Path, Path,
     *                 BooleanSupplier)})
     */
    public ScaleBenchmark(ChildJvm jvm, ScaleSettings settings, Path work, Consumer<String> log, BooleanSupplier stop) {
        this.jvm = jvm;
        this.settings = settings;
        this.work = work;
        this.log = log;
        this.stop = stop;
    }

    /** Measures one model directory. */
    public ModelResult run(Path model) {
        Path dir = model.toAbsolutePath().normalize();
        String name = dir.getFileName().toString();
        Path graph = graphFile(dir);
        WeightCensus census = WeightCensus.of(graph);
        Path modelWork = work.toAbsolutePath().resolve(name);
        delete(modelWork);
        createDirectories(modelWork);
        ScalePlan plan = new ScalePlan(settings, dir, graph, modelWork);
        List<FigureResult> results = new ArrayList<>();
        for (ScaleFigure f : settings.figures()) {
            Optional<String> missing = missingPrerequisite(f, results);
            FigureResult r = missing.map(why -> FigureResult.skipped(f, why)).orElseGet(() -> measure(plan, f));
            results.add(r);
            log.accept(String.format(Locale.ROOT, "%s %s: %s", name, f.id(), r.ok()
                    ? String.format(Locale.ROOT, "peak %.2f GiB, %.1f s %s", r.peakRssMib() / 1024, r.seconds(), r.values())
                    : "FAILED: " + r.cause()));
            delete(plan.cacheDir(f));
            if (f == ScaleFigure.EXPORT_RELOAD || f == ScaleFigure.EXPORT && !settings.figures().contains(ScaleFigure.EXPORT_RELOAD)) {
                delete(plan.exportFile().getParent());
            }
        }
        delete(modelWork.resolve("runs"));
        return new ModelResult(name, dir.toString(), census, results);
    }

    /** The figure this one needs and that failed or was not run, if any. */
    static Optional<String> missingPrerequisite(ScaleFigure f, List<FigureResult> done) {
        ScaleFigure needed = f == ScaleFigure.EXPORT_RELOAD ? ScaleFigure.EXPORT
                : f.needsFullRun() ? ScaleFigure.FINETUNE_FULL : null;
        if (needed == null) {
            return Optional.empty();
        }
        Optional<FigureResult> r = done.stream().filter(d -> d.figure() == needed).findFirst();
        if (r.isEmpty()) {
            return Optional.of("needs " + needed.id() + ", which was not run");
        }
        return r.get().ok() ? Optional.empty() : Optional.of("needs " + needed.id() + ", which failed");
    }

    private FigureResult measure(ScalePlan plan, ScaleFigure f) {
        Path out = plan.work().resolve(f.id() + ".out");
        Path err = plan.work().resolve(f.id() + ".err");
        ChildJvm.Run run = jvm.run(plan.args(f), out, err, stop);
        Optional<ProbeReport> report = ProbeReport.read(plan.resultFile(f));
        boolean ok = !run.timedOut() && run.exitCode() == 0 && report.map(r -> r.exitCode() == 0).orElse(false);
        Map<String, Double> values = new LinkedHashMap<>(report.map(ProbeReport::values).orElse(Map.of()));
        if (ok) {
            values.putAll(extraValues(plan, f, out));
        }
        String cause = "";
        if (!ok) {
            cause = report.filter(r -> !r.error().isEmpty()).map(ProbeReport::error)
                    .orElseGet(() -> FailureCause.of(run.exitCode(), run.timedOut(), jvm.timeoutSeconds(), read(err)));
        }
        long kib = report.map(ProbeReport::peakRssKib).filter(k -> k > 0).orElse(run.polledPeakKib());
        return new FigureResult(f, ok, cause, kib > 0 ? kib / 1024.0 : Double.NaN, run.seconds(), values);
    }

    private static Map<String, Double> extraValues(ScalePlan plan, ScaleFigure f, Path stdout) {
        Map<String, Double> v = new LinkedHashMap<>();
        switch (f) {
            case STEP -> v.putAll(ChildOutputs.stepTimings(read(stdout)));
            case FINETUNE_FULL, FINETUNE_TOP2, FINETUNE_LORA, FINETUNE_BITFIT, FINETUNE_BCD ->
                    v.put("train_s_per_step", ChildOutputs.secondsPerStep(plan.runDir(f).resolve("metrics.jsonl")));
            case EXPORT -> v.put("export_bytes", (double) ChildOutputs.directoryBytes(plan.exportFile().getParent()));
            default -> { }
        }
        return v;
    }

    /** The graph file of an export directory, as zo looks for it. */
    static Path graphFile(Path dir) {
        for (String name : ModelLocator.GRAPH_NAMES) {
            for (Path where : List.of(dir, dir.resolve("onnx"))) {
                if (Files.isRegularFile(where.resolve(name))) {
                    return where.resolve(name);
                }
            }
        }
        throw new IllegalArgumentException("model directory " + dir + ": no " + String.join(", ", ModelLocator.GRAPH_NAMES)
                + " (in it or in onnx/)");
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot create (" + e.getMessage() + ")", e);
        }
    }

    /** Deletes a file tree of ours (runs, caches, exports) if it exists. */
    static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot delete (" + e.getMessage() + ")", e);
        }
    }
}
