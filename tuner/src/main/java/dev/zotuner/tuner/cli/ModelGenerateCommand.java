package dev.zotuner.tuner.cli;

import dev.zotuner.models.synth.ExportLayout;
import dev.zotuner.models.synth.GeneratedModel;
import dev.zotuner.models.synth.ModelGenerator;
import dev.zotuner.models.synth.ModelShape;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zo model generate}: a random-init Hugging Face-shaped ONNX export, for benchmarks and tests. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a random-init ONNX export shaped like a Hugging Face model (names, modules and export "
                + "conventions of torch.onnx.export, opset 17) with config.json and a tokenizer.json of its vocabulary, "
                + "in a layout users have. Weights stream to disk (no model-sized heap); progress on stderr.",
                "Shapes: bert-base (BertForMaskedLM, 110 M), roberta-large (RobertaForMaskedLM, 355 M), opt-1.3b "
                        + "(OPTForCausalLM, 1.3 B), llama-3.2-1b (LlamaForCausalLM, 1.2 B), and NAME-tiny (bert-tiny, "
                        + "roberta-tiny, opt-tiny, llama-tiny) for tests."},
        footer = {"", "Examples:",
                "  zo model generate --shape bert-base --out /work/scale-models/bert-base",
                "  zo model generate --shape opt-1.3b --layout torch --out /work/scale-models/opt-1.3b --seed 42",
                "  zo model generate --shape llama-3.2-1b --layout optimum --out llama",
                "  zo model generate --shape opt-1.3b --layers 10 --layout onnx-data --out opt-2.3gb   # just over 2 GiB"})
public final class ModelGenerateCommand implements Callable<Integer> {

    @Option(names = "--shape", required = true, paramLabel = "NAME", description = "Model shape (see above).")
    String shape;

    @Option(names = "--layout", defaultValue = "auto", paramLabel = "auto|inline|torch|optimum|onnx-data|onnx-subfolder",
            description = "auto: inline up to 2 GiB, else torch; torch: a file per weight; optimum: model.onnx_data; "
                    + "onnx-data: model.onnx.data; onnx-subfolder: onnx/model.onnx + onnx/model.onnx_data. "
                    + "Default: ${DEFAULT-VALUE}.")
    String layout;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "A new or empty directory.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--layers", paramLabel = "N", description = "Override the number of transformer layers.")
    Integer layers;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        ModelShape s = ModelShape.named(shape);
        if (layers != null) {
            if (layers < 1) {
                throw new IllegalArgumentException("--layers must be ≥ 1, got " + layers);
            }
            s = s.withLayers(layers);
        }
        ExportLayout l = ExportLayout.parse(layout);
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        GeneratedModel m = ModelGenerator.generate(s, l, out, seed, new GenerateProgress(err, System::nanoTime));
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote %s: %s (%s), %,d parameters, %,d bytes in %d files, layout %s (%.1f s)%n", out,
                s.name(), s.architecture().hfClass(), m.parameters(), m.bytes(), m.files().size(), m.layout().label(),
                (System.nanoTime() - t0) / 1e9);
        w.flush();
        return 0;
    }
}
