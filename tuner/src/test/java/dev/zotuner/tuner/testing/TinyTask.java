package dev.zotuner.tuner.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A custom two-class sentiment task over the tiny models' vocabulary, written as {@code label<TAB>sentence} TSV. */
public final class TinyTask {

    /** Positive sentences (labels {@code pos}). */
    public static final List<String> POSITIVE = List.of("loved the film", "best acting ever", "really fun story");
    /** Negative sentences (labels {@code neg}). */
    public static final List<String> NEGATIVE = List.of("hated the film", "worst plot ever", "very boring story");

    private TinyTask() {
    }

    /** {@code rows} rows alternating pos/neg with the default sentences. */
    public static Path tsv(Path file, int rows) {
        return tsv(file, rows, POSITIVE, NEGATIVE);
    }

    /** {@code rows} rows alternating pos/neg, cycling through {@code positive} and {@code negative}. */
    public static Path tsv(Path file, int rows, List<String> positive, List<String> negative) {
        List<String> lines = new ArrayList<>(List.of("label\tsentence"));
        for (int i = 0; i < rows; i++) {
            lines.add(i % 2 == 0 ? "pos\t" + positive.get(i % positive.size()) : "neg\t" + negative.get(i % negative.size()));
        }
        try {
            return Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
