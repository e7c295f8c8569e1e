package dev.zotuner.models.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ModelException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VocabTest {

    @Test
    void fillsInPriorityOrderAndKeepsReservedIdsForTheEnd() {
        Vocab v = new Vocab(6, 1);
        assertTrue(v.add("a", true));
        assertTrue(v.add("a", true), "a token already in is fine");
        assertEquals(2, v.fill("<x", ">", 0, 3), "the next number");
        assertTrue(v.add("b", false));
        assertTrue(v.add("c", false));
        assertFalse(v.add("d", false), "the last id is reserved");
        v.addReserved("<mask>");
        assertEquals(List.of("a", "<x0>", "<x1>", "b", "c", "<mask>"), List.copyOf(v.ids().keySet()));
        assertEquals(5, v.ids().get("<mask>"));
        ModelException e = assertThrows(ModelException.class, () -> v.add("e", true));
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
    }

    @Test
    void wordsComeFromTheBundledDataMostFrequentFirst() {
        List<String> words = Vocab.words();
        assertEquals(6000, words.size());
        assertEquals("the", words.get(0));
        assertTrue(words.contains("movie") && words.contains("film"));
        assertTrue(words.stream().allMatch(w -> w.matches("[a-z]+")));
    }

    @Test
    void theByteAlphabetIsGpt2sBijection() {
        char[] map = Vocab.byteAlphabet();
        Set<Character> distinct = new HashSet<>();
        for (char c : map) {
            distinct.add(c);
        }
        assertEquals(256, distinct.size());
        assertEquals('Ġ', map[' ']);
        assertEquals('a', map['a']);
        assertEquals('Ċ', map['\n']);
    }
}
