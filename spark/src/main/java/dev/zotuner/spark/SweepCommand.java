package dev.zotuner.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.tuner.cli.ZoCommand;
import dev.zotuner.tuner.cli.ZoExtension;
import dev.zotuner.tuner.io.AtomicFiles;
import dev.zotuner.tuner.report.Report;
import dev.zotuner.tuner.report.Run;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code zo sweep GRID.json --master URL --out ROOT}: every run of a {@link Grid} as one Spark task ({@link RunTask}: the
 * code of {@code zo finetune}) into {@code ROOT/runs/<name>}, retried from its directory when it fails and skipped when
 * it has finished, so running the same command again continues a sweep; then {@code ROOT/sweep.md} and
 * {@code sweep.json} ({@link SweepTable}) and the plots of {@code zo report} over the finished runs
 * ({@code ROOT/report}). Progress lines go to stderr, the files written to stdout.
 *
 * <p>ROOT keeps a copy of the grid ({@code grid.json}); a different grid in an existing ROOT is refused, so no run
 * directory is ever continued with other settings. With a cluster master ROOT must be on a filesystem every executor
 * mounts at the same path.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a grid of zo finetune runs (tasks × models × optimizers × lrs × seeds) as Spark tasks, "
                + "resumably, then tabulate (mean ± sd over seeds) and plot them.",
        footer = {"", "Examples:",
                "  zo sweep grid.json --master 'local[2]' --out sweeps/lr",
                "  zo sweep grid.json --master spark://head:7077 --out /shared/sweeps/lr",
                "  spark-submit --master yarn --class dev.zotuner.tuner.cli.ZoCommand \\",
                "      zo-spark-assembly.jar sweep grid.json --out /shared/sweeps/lr",
                "", "GRID.json: {\"tasks\": [\"sst2\"], \"seeds\": [13, 42], \"optimizers\": [\"zo-sgd\"], \"lrs\": [1e-6, 1e-5],",
                "            \"models\": [\"default\"], \"options\": {\"steps\": 1000, \"k\": 16, \"eval-every\": 100}}"})
public final class SweepCommand implements Callable<Integer>, ZoExtension {

    /** The grid copy kept under ROOT. */
    static final String GRID_COPY = "grid.json";

    @Parameters(index = "0", paramLabel = "GRID.json", description = "The grid (see below).")
    Path gridFile;

    @Option(names = "--master", paramLabel = "URL", description = "local[N], local[*], spark://host:port, yarn or "
            + "k8s://…. Default: spark-submit's --master, else local[*].")
    String master;

    @Option(names = "--out", required = true, paramLabel = "ROOT",
            description = "Output root: runs/<name>, logs/<name>.log, sweep.md, sweep.json, report/ (shared filesystem for a cluster).")
    Path out;

    @Option(names = "--retries", defaultValue = "2", description = "Times a failed run is retried (resuming). Default: ${DEFAULT-VALUE}.")
    int retries;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Model cache directory for every run (finetune --cache-dir).")
    Path cacheDir;

    @Option(names = "--fail-first-attempt-after", hidden = true, defaultValue = "0",
            description = "Test hook: every run's first attempt stops after this step and fails.")
    long failFirstAttemptAfter;

    @Spec CommandSpec spec;

    @ParentCommand ZoCommand zo;

    @Override
    public Integer call() throws Exception {
        BooleanSupplier stop = zo == null ? () -> false : zo.stop().honour();
        if (retries < 0) {
            throw new IllegalArgumentException("--retries must be ≥ 0, got " + retries);
        }
        String url = master != null ? master : SparkContexts.defaultMaster("local[*]");
        SparkContexts.withAttempts(url, retries + 1);    // a bad --master fails before anything is written
        String gridText = Grid.text(gridFile);
        Grid grid = Grid.parse(gridText, gridFile.toString());
        Path root = out.toAbsolutePath().normalize();
        claim(root, gridText);
        List<GridRun> runs = grid.runs();
        List<RunTask> tasks = new ArrayList<>();
        for (GridRun r : runs) {
            List<String> args = new ArrayList<>(r.arguments());
            List<String> resumeOptions = new ArrayList<>();
            if (cacheDir != null) {
                args.addAll(List.of("--cache-dir", cacheDir.toAbsolutePath().toString()));
                resumeOptions.addAll(List.of("--cache-dir", cacheDir.toAbsolutePath().toString()));
            }
            tasks.add(new RunTask(r.name(), root.resolve("runs").resolve(r.name()).toString(), args, resumeOptions,
                    root.resolve("logs").resolve(r.name() + ".log").toString(), failFirstAttemptAfter));
        }
        PrintWriter err = spec.commandLine().getErr();
        long finishedBefore = tasks.stream().filter(t -> RunTask.status(Path.of(t.dir())) != null).count();
        err.printf(Locale.ROOT, "zo sweep: %d runs (%d finished earlier) on %s into %s%n", tasks.size(), finishedBefore,
                SparkContexts.withAttempts(url, retries + 1), root);
        err.flush();
        long started = System.nanoTime();
        List<String> failures;
        try (SparkApp app = SparkContexts.start("zo sweep", url, retries + 1)) {
            failures = new SweepRunner(app, err, stop).run(tasks);
            if (failures == null) {
                app.silenceLog();    // cancelled tasks log their interruption, some after the context stops
            }
        }
        if (failures == null) {
            err.printf(Locale.ROOT, "zo sweep: %s: stopped; the runs under way stopped at a step boundary: rerun the same "
                    + "command to continue%n", zo == null ? "stop" : zo.stop().signalName());
            err.flush();
            return zo == null ? 143 : zo.stop().exitStatus();
        }
        SweepTable table = SweepTable.of(runs, root.resolve("runs"));
        PrintWriter stdout = spec.commandLine().getOut();
        table.write(root).forEach(stdout::println);
        List<Run> finished = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (SweepTable.RunRow r : table.runs()) {
            if (!r.status().equals("missing")) {
                finished.add(Run.load(root.resolve("runs").resolve(r.name())));
                labels.add(r.name());
            }
        }
        if (!finished.isEmpty()) {
            Report.Output report = new Report(finished, labels).write(root.resolve("report"));
            report.figures().forEach(stdout::println);
            stdout.println(report.markdown());
        }
        stdout.flush();
        err.printf(Locale.ROOT, "zo sweep: %d runs in %.1f s; %d failed%n", tasks.size(), (System.nanoTime() - started) / 1e9,
                failures.size());
        err.flush();
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " of " + tasks.size() + " runs failed after " + (retries + 1)
                    + " attempts; first: " + failures.get(0));
        }
        return 0;
    }

    /** Keeps a copy of the grid in ROOT; a different grid already there → {@link GridException} (nothing written). */
    static void claim(Path root, String gridText) {
        Path copy = root.resolve(GRID_COPY);
        ObjectMapper mapper = new ObjectMapper();
        try {
            if (Files.isRegularFile(copy)) {
                if (!mapper.readTree(Files.readString(copy, StandardCharsets.UTF_8)).equals(mapper.readTree(gridText))) {
                    throw new GridException(copy + ": ROOT holds the runs of a different grid; choose another --out");
                }
                return;
            }
            if (Files.exists(root) && (!Files.isDirectory(root) || !isEmpty(root))) {
                throw new GridException(root + ": exists and is not a sweep root (no " + GRID_COPY + "); choose another --out");
            }
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new GridException(root + ": " + e.getMessage());
        }
        AtomicFiles.write(copy, o -> o.write(gridText.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
