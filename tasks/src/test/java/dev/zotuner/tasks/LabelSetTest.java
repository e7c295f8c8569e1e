package dev.zotuner.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelSetTest {

    @Test
    void mapsValuesToClassIndices() {
        LabelSet l = new LabelSet(List.of("DESC", "ENTY", "ABBR"), List.of("description", "entity", "abbreviation"));
        assertEquals(3, l.size());
        assertEquals(2, l.indexOf("ABBR"));
        assertEquals(-1, l.indexOf("NUM"));
        assertEquals("ENTY", l.value(1));
        assertEquals("abbreviation", l.name(2));
    }

    @Test
    void ofUsesValuesAsNames() {
        assertEquals(List.of("a", "b"), LabelSet.of(List.of("a", "b")).names());
    }

    @Test
    void rejectsInvalidSets() {
        assertThrows(IllegalArgumentException.class, () -> LabelSet.of(List.of("only")));
        assertThrows(IllegalArgumentException.class, () -> LabelSet.of(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> LabelSet.of(List.of("a", " ")));
        assertThrows(IllegalArgumentException.class, () -> new LabelSet(List.of("a", "b"), List.of("x")));
    }
}
