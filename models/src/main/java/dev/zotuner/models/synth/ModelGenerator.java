package dev.zotuner.models.synth;

import dev.zotuner.models.ModelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a random-init Hugging Face-shaped ONNX export of a {@link ModelShape} into an empty directory: the graph as
 * {@code torch.onnx.export} writes it (opset 17, parameter names and module scopes of the Hugging Face class) in a
 * chosen {@link ExportLayout}, {@code config.json} and a {@code tokenizer.json} of the model's vocabulary size in which
 * the label words of the bundled tasks are single tokens. Weights stream to disk chunk by chunk from a seeded pure
 * function ({@link SyntheticValues}): the same seed gives the same bytes, and heap use does not grow with the model.
 * {@code config.json} and {@code tokenizer.json} are written last, so an interrupted directory does not load.
 */
public final class ModelGenerator {

    private ModelGenerator() {
    }

    /** The graph of a shape: its nodes and the weights it declares (no values). */
    static GraphBuilder.Built graph(ModelShape shape) {
        return switch (shape.architecture()) {
            case BERT, ROBERTA -> EncoderGraph.build(shape);
            case OPT -> OptGraph.build(shape);
            case LLAMA -> LlamaGraph.build(shape);
        };
    }

    /** Distinct parameters of a shape (tied copies once), without writing anything. */
    public static long parameters(ModelShape shape) {
        return graph(shape).weights().stream().filter(w -> !w.derived()).mapToLong(WeightSpec::size).sum();
    }

    /**
     * Generates {@code shape} into {@code dir} (created if missing; refused if not empty).
     *
     * @throws ModelException for a non-empty directory, an inline layout above 2 GiB, or a write error (one line)
     */
    public static GeneratedModel generate(ModelShape shape, ExportLayout layout, Path dir, long seed,
                                          GeneratorProgress progress) {
        requireEmpty(dir);
        GraphBuilder.Built graph = graph(shape);
        long values = graph.weights().stream().mapToLong(WeightSpec::size).sum();
        long parameters = graph.weights().stream().filter(w -> !w.derived()).mapToLong(WeightSpec::size).sum();
        ExportLayout resolved = layout.resolve(values * Float.BYTES);
        String doc = "zo-tuner synthetic " + shape.name() + " (" + shape.architecture().hfClass() + "), random "
                + "initialisation, seed " + seed + ", layout " + resolved.label();
        try {
            Files.createDirectories(dir);
            List<Path> files = new ArrayList<>(new ModelFileWriter(new SyntheticValues(seed), progress)
                    .write(dir, graph, resolved, doc));
            files.add(write(dir.resolve("tokenizer.json"), TokenizerJson.of(shape.architecture(), shape.vocab())));
            files.add(write(dir.resolve("config.json"), ConfigJson.of(shape, seed)));
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f);
            }
            return new GeneratedModel(dir, shape, resolved, parameters, values, bytes, files);
        } catch (IOException e) {
            throw new ModelException(dir + ": cannot write the generated model (" + ModelException.oneLine(e) + ")", e);
        }
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void requireEmpty(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new ModelException(dir + " exists and is not a directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new ModelException(dir + " is not empty; give a new or empty directory (nothing was overwritten)");
            }
        } catch (IOException e) {
            throw new ModelException(dir + ": cannot list (" + ModelException.oneLine(e) + ")", e);
        }
    }
}
