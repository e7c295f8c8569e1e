package dev.zotuner.models.source;

import dev.zotuner.models.Pooling;
import java.nio.file.Path;

/**
 * A located model: the files to load and what is known about it before reading the graph.
 *
 * @param name      what the user asked for, as shown in reports ({@code minilm-l6}, a path)
 * @param onnx      the ONNX graph (external data, if any, lives next to it)
 * @param tokenizer the Hugging Face {@code tokenizer.json}
 * @param config    what the export's config files declare
 * @param pooling   encoder pooling to use
 * @param normalize whether encoder embeddings are L2-normalised
 */
public record ModelFiles(String name, Path onnx, Path tokenizer, HfConfig config, Pooling pooling, boolean normalize) {
}
