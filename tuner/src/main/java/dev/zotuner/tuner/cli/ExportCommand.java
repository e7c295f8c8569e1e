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
import dev.zotuner.tuner.io.AtomicFiles;
import dev.zotuner.tuner.rundir.HeadCheckpoint;
import dev.zotuner.tuner.rundir.JsonFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/** {@code zo export}: a run's fine-tuned weights as an ordinary ONNX model. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a run's weights (best on dev by default) into an ONNX file plain ONNX Runtime can run.",
                "A model whose source kept its weights as external data (or over 1.5 GiB of weights) is written as "
                        + "FILE.onnx + FILE.onnx.data.",
                "A run with a trained head (--head prototype) also gets FILE.head.json: the graph gives the pooled "
                        + "embedding e(x) of the prompted input; the head's logits are scale · cos(e(x), prototypes[c]) "
                        + "+ bias[c]."},
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
            Optional<Map<String, Object>> head = config.prompt().head() == null ? Optional.empty()
                    : Optional.of(head(run, config, target));      // before anything is written
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
            if (head.isPresent()) {
                writeHead(headFile(out), head.get());
            }
            spec.commandLine().getOut().printf("wrote %s%s%s (weights after step %d of %s)%n", out,
                    external ? " + " + ModelWriter.dataFile(out).getFileName() : "",
                    head.isPresent() ? " + " + headFile(out).getFileName() : "", target, runDir);
        }
        return 0;
    }

    /** The file beside {@code onnx} that holds a trained head: {@code NAME.head.json} for {@code NAME.onnx}. */
    static Path headFile(Path onnx) {
        String name = onnx.getFileName().toString();
        String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - ".onnx".length()) : name;
        return onnx.resolveSibling(stem + ".head.json");
    }

    /**
     * The head after step {@code step} as exported: its checkpoint (kept for the best step and the newest two), or for
     * step 0 the zero-shot prototypes any checkpoint holds.
     */
    private static Map<String, Object> head(RunDirectory run, FineTuneConfig config, long step) {
        HeadCheckpoint c = run.heads().read(step).orElse(null);
        double[][] prototypes;
        double[] bias;
        if (c != null) {
            prototypes = c.prototypes();
            bias = c.bias();
        } else {
            List<Long> kept = run.heads().steps();
            if (step != 0 || kept.isEmpty()) {
                throw new IllegalArgumentException(run.path() + ": the head after step " + step + " was not kept (kept: "
                        + (kept.isEmpty() ? "none" : kept.stream().map(String::valueOf).collect(Collectors.joining(", ")))
                        + "); export one of those steps with --step");
            }
            c = run.heads().read(kept.get(0)).orElseThrow();
            prototypes = c.initialPrototypes();
            bias = new double[prototypes.length];
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("head", config.prompt().head().method());
        out.put("logits", "scale * cos(e(x), prototypes[c]) + bias[c], e(x) the model's output for the input "
                + "rendered by template without its [MASK] slot; class c is classes[c]");
        out.put("classes", config.task().load().labels().values());
        out.put("template", config.prompt().template());
        out.put("label_words", config.prompt().labelWords());
        out.put("scale", c.scale());
        out.put("step", step);
        out.put("prototypes", prototypes);
        out.put("bias", bias);
        return out;
    }

    private static void writeHead(Path file, Map<String, Object> head) {
        try {
            byte[] json = (JsonFields.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(head) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(file, o -> o.write(json));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
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
