package dev.zotuner.tuner.testing;

import dev.zotuner.models.testing.TinyModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a CLI or training-loop test runs on: a tiny generated ONNX model, a {@link TinyTask} train and test
 * TSV (40 training rows), and a cache directory, all under one temporary directory the test owns.
 *
 * @param model the model directory
 * @param train the custom task's training file
 * @param test  the custom task's evaluation file
 * @param cache the cache directory for {@code --cache-dir}
 */
public record TinyRun(Path model, Path train, Path test, Path cache) {

    /** Template of the tiny task, in LM-BFF form. */
    public static final String TEMPLATE = "<sentence> it was [MASK] .";
    /** Verbalizer of the tiny task, in {@code --verbalizer} form. */
    public static final String VERBALIZER = "neg=terrible,pos=great";

    /** A tiny encoder over the default {@link TinyTask} sentences. */
    public static TinyRun encoder(Path dir, int testRows) {
        return of(TinyModels.encoder(dir.resolve("enc")), dir, testRows, TinyTask.POSITIVE, TinyTask.NEGATIVE);
    }

    /** A tiny encoder over the given sentences. */
    public static TinyRun encoder(Path dir, int testRows, List<String> positive, List<String> negative) {
        return of(TinyModels.encoder(dir.resolve("enc")), dir, testRows, positive, negative);
    }

    /** A tiny masked LM over the given sentences. */
    public static TinyRun mlm(Path dir, int testRows, List<String> positive, List<String> negative) {
        return of(TinyModels.mlm(dir.resolve("mlm")), dir, testRows, positive, negative);
    }

    private static TinyRun of(Path model, Path dir, int testRows, List<String> positive, List<String> negative) {
        return new TinyRun(model, TinyTask.tsv(dir.resolve("train.tsv"), 40, positive, negative),
                TinyTask.tsv(dir.resolve("test.tsv"), testRows, positive, negative), dir.resolve("cache"));
    }

    /** {@code command}, then the model, cache, task, test file, template and verbalizer options, then {@code extra}. */
    public String[] args(List<String> command, String... extra) {
        List<String> a = new ArrayList<>(command);
        a.addAll(List.of("--model", model.toString(), "--cache-dir", cache.toString(), "--task", train.toString(),
                "--test-file", test.toString(), "--template", TEMPLATE, "--verbalizer", VERBALIZER));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }
}
