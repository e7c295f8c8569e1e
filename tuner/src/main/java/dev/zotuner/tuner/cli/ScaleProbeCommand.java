package dev.zotuner.tuner.cli;

import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.tuner.bench.ForwardProbe;
import dev.zotuner.tuner.bench.ProbeReport;
import dev.zotuner.tuner.bench.ResidentMemory;
import dev.zotuner.tuner.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zo bench probe} (hidden): the child side of {@code zo bench scale}. Runs one figure in this JVM — plain ONNX
 * Runtime on a graph file ({@code --ort}), zo's model load and forward ({@code --load}), or any {@code zo} command
 * given after {@code --} — then writes its exit status, time, values and this process's peak resident set
 * ({@code VmHWM} of {@code /proc/self/status}, so everything the JVM and ONNX Runtime touched) to {@code --result},
 * and exits with the command's status. An error the command does not catch itself (an {@code OutOfMemoryError}, say)
 * is printed as {@code zo: <cause>} and reported too. SIGTERM / SIGINT (what {@code zo bench scale} sends when it is
 * stopped) stop it before its next forward pass with no report; a command after {@code --} gets the same stop request.
 */
@Command(name = "probe", hidden = true, mixinStandardHelpOptions = true,
        description = "Used by 'zo bench scale': run one measurement in this JVM and write its peak RSS and values to --result.")
public final class ScaleProbeCommand implements Callable<Integer> {

    @Option(names = "--result", required = true, paramLabel = "FILE.json", description = "Where the report goes.")
    Path result;

    @Option(names = "--ort", paramLabel = "FILE.onnx", description = "Plain ONNX Runtime: session creation and forwards.")
    Path ort;

    @Option(names = "--load", paramLabel = "DIR", description = "zo's LanguageModel: load time and forwards.")
    String load;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Model cache of --load.")
    Path cacheDir;

    @Option(names = "--threads", defaultValue = "2", description = "Intra-op threads of --ort. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--batch", defaultValue = "16", description = "Rows. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--seq", defaultValue = "24", description = "Tokens per row. Default: ${DEFAULT-VALUE}.")
    int seq;

    @Option(names = "--runs", defaultValue = "3", description = "Timed forwards. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the token ids. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Parameters(arity = "0..*", paramLabel = "ZO_ARGS", description = "A zo command line (after --).")
    List<String> command = List.of();

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        int exit = 0;
        String error = "";
        Map<String, Double> values = Map.of();
        long t0 = System.nanoTime();
        BooleanSupplier stop = ZoCommand.honouredStop(spec);
        try {
            ForwardProbe probe = new ForwardProbe(batch, seq, runs, seed);
            if (ort != null) {
                values = probe.ort(ort, threads, stop);
            } else if (load != null) {
                values = probe.zo(ModelSpec.of(load).withCacheDir(cacheDir), stop);
            } else if (!command.isEmpty()) {
                exit = ZoCommand.commandLine(ZoCommand.stopOf(spec)).execute(command.toArray(String[]::new));
            } else {
                throw new IllegalArgumentException("bench probe: give --ort, --load or a zo command after --");
            }
        } catch (CancellationException e) {
            throw e;                    // stopped: no report (the one line is ZoCommand's)
        } catch (Throwable t) {         // an OutOfMemoryError too: the report must still be written
            exit = 1;
            error = t.getClass().getSimpleName() + ": " + ModelException.oneLine(t);
            if (t instanceof RuntimeException && t.getMessage() != null) {
                error = ModelException.oneLine(t);
            }
            spec.commandLine().getErr().println("zo: " + error);
            spec.commandLine().getErr().flush();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ProbeReport report = new ProbeReport(exit, seconds, ResidentMemory.read().peakKib(), error, values);
        AtomicFiles.write(result, out -> out.write(report.json().getBytes(StandardCharsets.UTF_8)));
        return exit;
    }
}
