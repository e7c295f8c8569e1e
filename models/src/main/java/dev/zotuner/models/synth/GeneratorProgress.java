package dev.zotuner.models.synth;

/** Told after every chunk of weights written; the caller decides how often to show it. */
@FunctionalInterface
public interface GeneratorProgress {

    /** Nothing shown. */
    GeneratorProgress NONE = (tensor, done, total) -> { };

    /**
     * @param tensor the weight being written
     * @param done   weight bytes written so far
     * @param total  weight bytes of the whole model
     */
    void written(String tensor, long done, long total);
}
