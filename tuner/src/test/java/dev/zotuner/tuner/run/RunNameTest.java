package dev.zotuner.tuner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class RunNameTest {

    private static final LocalDateTime START = LocalDateTime.of(2025, 3, 1, 14, 25, 1);

    @Test
    void namesTheRunByWhatItIsThenWhen() {
        RunName name = new RunName("sst2", 16, 42, "zo-sgd", START);
        assertEquals("sst2-k16-s42-zo-sgd-20250301-142501", name.value());
        assertEquals(Path.of("runs", "sst2-k16-s42-zo-sgd-20250301-142501"),
                name.under(RunName.DEFAULT_BASE));
    }

    @Test
    void pathCharactersAndLeadingDotsCannotEscapeTheBase() {
        assertEquals("_data_my_reviews.tsv-k4-s-7-zo_adam_-20250301-142501",
                new RunName("../data/my reviews.tsv", 4, -7, "zo/adam!", START).value());
        assertEquals("_-k1-s0-_-20250301-142501", new RunName("..", 1, 0, "", START).value());
    }
}
