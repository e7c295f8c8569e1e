package dev.zotuner.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomTaskOptionsTest {

    @Test
    void defaultsMatchTheBundledFormat() {
        CustomTaskOptions d = CustomTaskOptions.defaults();
        assertNull(d.format());
        assertEquals("sentence", d.textColumn());
        assertEquals("label", d.labelColumn());
        assertTrue(d.header());
        assertTrue(d.labels().isEmpty());
        assertEquals(TableFormat.CSV, d.formatFor(Path.of("x.csv")));
    }

    @Test
    void withersReplaceOneField() {
        CustomTaskOptions o = CustomTaskOptions.defaults().withFormat(TableFormat.JSONL)
                .withColumns("review", "stars").withHeader(false).withLabels(List.of("1", "2"));
        assertEquals(new CustomTaskOptions(TableFormat.JSONL, "review", "stars", false, List.of("1", "2")), o);
        assertEquals(TableFormat.JSONL, o.formatFor(Path.of("x.csv")));
        assertFalse(o.header());
    }

    @Test
    void rejectsBadOptions() {
        CustomTaskOptions d = CustomTaskOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withColumns("x", "x"));
        assertThrows(IllegalArgumentException.class, () -> d.withColumns(" ", "x"));
        assertThrows(IllegalArgumentException.class, () -> d.withLabels(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> d.withLabels(List.of("a")));
    }
}
