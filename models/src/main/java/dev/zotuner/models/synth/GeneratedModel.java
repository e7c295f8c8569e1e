package dev.zotuner.models.synth;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ModelGenerator} wrote.
 *
 * @param dir          the export directory
 * @param shape        the shape generated
 * @param layout       the layout used ({@link ExportLayout#AUTO} resolved)
 * @param parameters   distinct parameters (a tied copy counted once), as Hugging Face's {@code num_parameters()}
 * @param weightValues float values of all initializers (tied copies included), i.e. what the files hold
 * @param bytes        bytes of all files written (graph, external data, tokenizer, config)
 * @param files        every file written
 */
public record GeneratedModel(Path dir, ModelShape shape, ExportLayout layout, long parameters, long weightValues,
                             long bytes, List<Path> files) {

    public GeneratedModel {
        files = List.copyOf(files);
    }
}
