package dev.zotuner.tuner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.onnx.PreparedModel;
import dev.zotuner.models.runtime.ForwardBenchmark;
import dev.zotuner.models.source.ModelCache;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zo bench forward}: the forward pass with weights as graph inputs vs the original graph (weights as
 * initializers), same process, same seeded batch, medians of interleaved runs. The weights-as-inputs graph is the one
 * zo runs: a masked or causal LM's head sliced to one position per row, the original computing every position.
 * Progress is one stderr line per pair of passes; SIGTERM / SIGINT stop it before the next pair, with no result.
 */
@Command(name = "forward", mixinStandardHelpOptions = true,
        description = "Time the forward pass with weights as inputs against the original model; print medians and the ratio.",
        footer = {"", "Examples:",
                "  zo bench forward",
                "  zo bench forward --batch 16 --seq 64 --runs 21 --json"})
public final class BenchForwardCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = "--batch", defaultValue = "16", description = "Rows per batch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--seq", defaultValue = "64", description = "Tokens per row. Default: ${DEFAULT-VALUE}.")
    int seq;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed runs per model first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--runs", defaultValue = "21", description = "Timed runs per model. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--seed", defaultValue = "20240601", description = "Seed of the random token batch. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin JsonOutput output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelSpec modelSpec = model.spec();
        PreparedModel prepared = PreparedModel.prepare(modelSpec, ModelCache.resolve(modelSpec.cacheDir()));
        BooleanSupplier stop = ZoCommand.honouredStop(spec);
        PrintWriter err = spec.commandLine().getErr();
        ForwardBenchmark.Result r = ForwardBenchmark.run(prepared, batch, seq, warmup, runs, seed, pair -> {
            if (stop.getAsBoolean()) {
                throw new CancellationException("stopped before pass pair " + (pair + 1));
            }
            err.printf("zo bench forward: %s pair %d/%d%n", pair < warmup ? "warm-up" : "timed",
                    pair < warmup ? pair + 1 : pair - warmup + 1, pair < warmup ? warmup : runs);
            err.flush();
        });
        PrintWriter out = spec.commandLine().getOut();
        if (output.enabled()) {
            out.println(new ObjectMapper().createObjectNode().put("model", prepared.files().name())
                    .put("batch", r.batch()).put("seq", r.seq()).put("runs", r.runs()).put("threads", r.threads())
                    .put("original_ms", r.originalMs()).put("weights_as_inputs_ms", r.weightsInputsMs())
                    .put("ratio", r.ratio()).put("paired_ratio", r.pairedRatio()).put("head_sliced", r.slicedHead())
                    .toString());
        } else {
            out.printf("forward pass of %s, batch %d x seq %d, %d threads, median of %d runs%n",
                    prepared.files().name(), r.batch(), r.seq(), r.threads(), r.runs());
            out.printf("  original (weights as initializers)  %9.2f ms%n", r.originalMs());
            out.printf("  %-36s%9.2f ms%n", "weights as inputs" + (r.slicedHead() ? ", head sliced" : ""),
                    r.weightsInputsMs());
            out.printf("  ratio of medians                    %9.3f%n", r.ratio());
            out.printf("  median of paired ratios             %9.3f%n", r.pairedRatio());
        }
        out.flush();
        return 0;
    }
}
