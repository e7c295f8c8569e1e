package dev.zotuner.tuner.cli;

import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.models.onnx.ModelWriter;
import dev.zotuner.models.onnx.OnnxExport;
import dev.zotuner.models.onnx.OnnxFile;
import dev.zotuner.models.onnx.PreparedModel;
import dev.zotuner.models.source.ModelCache;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.run.RunDirectory;
import dev.zotuner.tuner.run.Snapshot;
import dev.zotuner.tuner.rundir.RunSummary;
import dev.zotuner.tuner.train.FineTuneConfig;
import dev.zotuner.tuner.train.WeightReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/** {@code zo export}: a run's fine-tuned weights as an ordinary ONNX model. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a run's weights (best on dev by default) into an ONNX file plain ONNX Runtime can run.",
                "A model whose source kept its weights as external data (or over 1.5 GiB of weights) is written as "
                        + "FILE.onnx + FILE.onnx.data."},
        footer = {"", "Example:", "  zo export runs/sst2-k16-s42-zo-sgd-20261123-150102 --out sst2-tuned.onnx"})
public final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A fine-tuning run directory.")
    Path runDir;

    @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "Output model file.")
    Path out;

    @Option(names = "--step", paramLabel = "N", description = "Weights after step N (default: the run's best on dev).")
    Long step;

    @Option(names = "--force", description = "Overwrite an existing output file.")
    boolean force;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Model cache directory (as for finetune).")
    Path cacheDir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if (Files.exists(out) && !force) {
            throw new IllegalArgumentException(out + " exists; give --force to overwrite it");
        }
        try (RunDirectory run = RunDirectory.open(runDir)) {
            FineTuneConfig config = run.config(FineTuneConfig.class);
            long target = step != null ? step : bestStep(run);
            boolean external;
            ModelSpec model = config.modelSpec(cacheDir);
            PreparedModel prepared = PreparedModel.prepare(model, ModelCache.resolve(model.cacheDir()));   // no session
            if (config.provenance() != null) {
                config.provenance().requireBase(prepared.checksum(), config.model().model(), run.path(), "export");
            }
            ParameterStore store = prepared.parameters();
            Optional<Snapshot> kept = run.best(target, store);
            if (kept.isPresent()) {
                kept.get().restoreInto(store);      // the best weights the run kept on disk: no replay needed
            } else {
                try (PerturbationEngine engine = config.engine()) {
                    WeightReplay.toStep(config, run, store, engine, target);
                }
            }
            external = OnnxExport.write(OnnxFile.read(prepared.files().onnx()), store, prepared.adapters(),
                    prepared.ties(), out);
            spec.commandLine().getOut().printf("wrote %s%s (weights after step %d of %s)%n", out,
                    external ? " + " + ModelWriter.dataFile(out).getFileName() : "", target, runDir);
        }
        return 0;
    }

    /** The summary's best step, or the last logged step of a run that has no summary yet. */
    private static long bestStep(RunDirectory run) {
        Path summary = run.path().resolve(RunSummary.FILE);
        if (Files.isRegularFile(summary)) {
            OptionalLong best = RunSummary.read(summary).bestStep();
            if (best.isPresent()) {
                return best.getAsLong();
            }
        }
        return run.replayLog().stream().mapToLong(r -> r.step()).max().orElse(0);
    }
}
