package dev.zotuner.tuner.cli;

import dev.zotuner.tuner.bench.ChildJvm;
import dev.zotuner.tuner.bench.ModelResult;
import dev.zotuner.tuner.bench.ScaleBenchmark;
import dev.zotuner.tuner.bench.ScaleFigure;
import dev.zotuner.tuner.bench.ScaleReport;
import dev.zotuner.tuner.bench.ScaleSettings;
import dev.zotuner.tuner.bench.ScaleTable;
import dev.zotuner.tuner.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zo bench scale}: peak RSS and times of plain ONNX Runtime and of zo's commands on each model directory, every
 * figure in a child JVM of its own ({@link ScaleBenchmark}); JSON and markdown out, failures recorded as results.
 * Both files are rewritten after each model, so SIGTERM / SIGINT (which end the running child with SIGTERM) leave
 * the models measured before it.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Memory and time at scale: for each model directory, each in its own child JVM (started as "
                + "scripts/zo starts one), peak RSS (VmHWM) and times of plain ONNX Runtime on the original file "
                + "(batch x seq random tokens), zo's load and forward, zo eval, zo finetune (zo-sgd full, top:2, LoRA, "
                + "BitFit, mezo-bcd), zo bench step, zo export and plain ORT on the export; ratios against the targets of "
                + "issue 22. A figure that fails is recorded with its one-line cause.",
                "Generate models with 'zo model generate'; scripts/bench-scale does both."},
        footer = {"", "Examples:",
                "  zo bench scale /work/scale-models/bert-base /work/scale-models/roberta-large",
                "  zo bench scale DIR --figures ort,load,eval --out eval-only.json",
                "  ZO_JAVA_OPTS=-Xmx16g zo bench scale DIR --work /tmp/scale --timeout 3600"})
public final class ScaleBenchCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "MODEL_DIR", description = "Export directories (model.onnx + tokenizer.json).")
    List<Path> models = List.of();

    @Option(names = "--render", paramLabel = "FILE.json",
            description = "Measure nothing: write the markdown of an earlier run's JSON beside it (and print it).")
    Path render;

    @Option(names = "--out", defaultValue = "results/benchmarks/bench-scale.json", paramLabel = "FILE.json",
            description = "JSON results (the markdown goes beside it as .md). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--work", paramLabel = "DIR", description = "Runs, caches, exports and child logs "
            + "(default: <tmp>/zo-bench-scale); each model's part is replaced on every run.")
    Path work;

    @Option(names = "--figures", defaultValue = "all", split = ",", paramLabel = "all|ID,...",
            description = "ort, load, eval, finetune-full, finetune-top2, finetune-lora, finetune-bitfit, finetune-bcd, "
                    + "step, export, export-reload. Default: ${DEFAULT-VALUE}.")
    List<String> figures;

    @Option(names = "--task", defaultValue = "sst2", description = "Task of eval/finetune/step. Default: ${DEFAULT-VALUE}.")
    String task;

    @Option(names = "--k", defaultValue = "8", description = "k-shot examples per class. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--test-cap", defaultValue = "32", description = "Test examples scored. Default: ${DEFAULT-VALUE}.")
    int testCap;

    @Option(names = "--steps", defaultValue = "4", description = "Fine-tuning steps per run. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--batch", defaultValue = "16", description = "Rows of the ORT/load batch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--seq", defaultValue = "24", description = "Tokens per row. Default: ${DEFAULT-VALUE}.")
    int seq;

    @Option(names = "--threads", defaultValue = "2", description = "Plain ORT intra-op threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--runs", defaultValue = "3", description = "Timed forwards / step repeats. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--timeout", defaultValue = "1800", paramLabel = "SECONDS",
            description = "A child running longer is killed and recorded as failed. Default: ${DEFAULT-VALUE}.")
    double timeout;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (render != null) {
            return render();
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("bench scale: give one or more model directories (or --render FILE.json)");
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        ScaleSettings settings = new ScaleSettings(task, k, testCap, steps, batch, seq, threads, runs, seed,
                ScaleFigure.parse(figures));
        ChildJvm jvm = ChildJvm.likeThisOne(System.getenv("ZO_JAVA_OPTS"), timeout);
        Path workDir = work != null ? work : Path.of(System.getProperty("java.io.tmpdir"), "zo-bench-scale");
        PrintWriter err = spec.commandLine().getErr();
        GracefulStop stop = ZoCommand.stopOf(spec);
        ScaleBenchmark bench = new ScaleBenchmark(jvm, settings, workDir, line -> {
            err.println("zo bench scale: " + line);
            err.flush();
        }, stop.honour());
        String date = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        double loadStart = loadAverage();
        long t0 = System.nanoTime();
        List<ModelResult> results = new ArrayList<>();
        Path markdown = markdownOf(out);
        for (Path model : models) {
            try {
                results.add(bench.run(model));
            } catch (CancellationException e) {
                err.printf("zo bench scale: stopped by %s while measuring %s; %s%n", stop.signalName(), model,
                        results.isEmpty() ? "nothing was written" : out + " and " + markdown + " hold the "
                                + results.size() + " model(s) measured before it");
                err.flush();
                return stop.exitStatus();
            }
            ScaleReport report = ScaleReport.here(date, jvm, settings, loadStart, loadAverage(), (System.nanoTime() - t0) / 1e9,
                    results);
            AtomicFiles.write(out, o -> o.write(report.json().getBytes(StandardCharsets.UTF_8)));
            AtomicFiles.write(markdown, o -> o.write(report.markdown().getBytes(StandardCharsets.UTF_8)));
        }
        PrintWriter w = spec.commandLine().getOut();
        w.print(ScaleTable.markdown(results));
        w.printf(Locale.ROOT, "%nwrote %s and %s (%.0f s)%n", out, markdown, (System.nanoTime() - t0) / 1e9);
        w.flush();
        return 0;
    }

    private int render() throws IOException {
        ScaleReport report = ScaleReport.parse(Files.readString(render));
        Path markdown = markdownOf(render);
        AtomicFiles.write(markdown, o -> o.write(report.markdown().getBytes(StandardCharsets.UTF_8)));
        spec.commandLine().getOut().print(report.markdown());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** FILE.md beside FILE.json. */
    static Path markdownOf(Path json) {
        return json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", "") + ".md");
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
