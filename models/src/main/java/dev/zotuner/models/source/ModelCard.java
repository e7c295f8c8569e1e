package dev.zotuner.models.source;

import java.util.Objects;

/**
 * What is known about an embedded model before loading it, as {@code zo model list} shows it. The numbers
 * describe the graph in the jar and are checked against the loaded graph by the models' integration tests.
 *
 * @param huggingFace the original model's Hugging Face id
 * @param artifact    the Maven Central artifact ({@code group:artifact}) whose jar holds the ONNX graph
 * @param licence     the model's licence (SPDX id)
 * @param layers      transformer layers (blocks {@code layer.0} … {@code layer.N-1})
 * @param width       hidden size = embedding dimension
 * @param parameters  float weights in the graph (= trainable parameters by default)
 */
public record ModelCard(String huggingFace, String artifact, String licence, int layers, int width, long parameters) {

    public ModelCard {
        Objects.requireNonNull(huggingFace, "huggingFace");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(licence, "licence");
        if (layers < 1 || width < 1 || parameters < 1) {
            throw new IllegalArgumentException(huggingFace + ": layers, width and parameters must be positive");
        }
    }
}
