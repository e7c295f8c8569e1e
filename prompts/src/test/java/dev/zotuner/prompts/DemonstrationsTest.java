package dev.zotuner.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tasks.Example;
import dev.zotuner.tasks.LabelSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemonstrationsTest {

    private static final Template SST = new Template("<sentence> It was [MASK] .");
    private static final Verbalizer WORDS = new Verbalizer(LabelSet.of(List.of("0", "1")),
            List.of("terrible", "great"), "t");

    private static List<Example> pool(int n) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Example(i, "s" + i, i % 2));
        }
        return out;
    }

    @Test
    void takesPerClassExamplesDeterministically() {
        Demonstrations d = new Demonstrations(SST, WORDS, pool(20), 2, 7, " ");
        Example query = new Example(100, "q", 0);
        List<Example> chosen = d.select(query);
        assertEquals(4, chosen.size());
        assertEquals(2, chosen.stream().filter(e -> e.label() == 0).count());
        assertEquals(chosen, new Demonstrations(SST, WORDS, pool(20), 2, 7, " ").select(query));
        assertNotEquals(chosen, new Demonstrations(SST, WORDS, pool(20), 2, 8, " ").select(query));
        assertNotEquals(chosen, d.select(new Example(101, "q", 0)));
    }

    @Test
    void neverUsesTheQueryAndTakesWhatShortClassesHave() {
        List<Example> pool = List.of(new Example(0, "a", 0), new Example(1, "b", 1), new Example(2, "c", 0));
        Demonstrations d = new Demonstrations(SST, WORDS, pool, 2, 1, " ");
        List<Example> chosen = d.select(pool.get(1));
        assertFalse(chosen.contains(pool.get(1)));
        assertEquals(2, chosen.size()); // both class-0 rows; class 1 has only the query
        for (long seed = 0; seed < 20; seed++) {
            assertFalse(Demonstrations.lmBff(SST, WORDS, pool, seed).select(pool.get(0)).contains(pool.get(0)));
        }
    }

    @Test
    void rendersFilledDemonstrationsBeforeTheQuery() {
        List<Example> pool = List.of(new Example(0, "dull .", 0), new Example(1, "fun .", 1));
        Demonstrations d = Demonstrations.lmBff(SST, WORDS, pool, 3);
        Example q = new Example(5, "A fine film .", 1);
        List<Example> order = d.select(q);
        String expected = SST.filled(order.get(0).text(), WORDS.word(order.get(0).label())) + " "
                + SST.filled(order.get(1).text(), WORDS.word(order.get(1).label())) + " "
                + "A fine film . It was";
        assertEquals(expected, d.prepend(q, SST.forCausalLm(q.text())));
        assertTrue(expected.contains("dull . It was terrible .") && expected.contains("fun . It was great ."));
        // Both orders occur across seeds.
        boolean dullFirst = false;
        boolean funFirst = false;
        for (long seed = 0; seed < 20; seed++) {
            String s = Demonstrations.lmBff(SST, WORDS, pool, seed).prepend(q, "Q");
            dullFirst |= s.startsWith("dull");
            funFirst |= s.startsWith("fun");
        }
        assertTrue(dullFirst && funFirst);
    }

    @Test
    void truncationDropsWholeDemonstrationsFromTheFront() {
        FakeVocabulary vocab = new FakeVocabulary("It", "was", "great", "terrible", ".", "s0", "s1", "s2", "s3", "s4", "q");
        Demonstrations d = new Demonstrations(SST, WORDS, pool(5), 2, 11, "\n");
        Example q = new Example(9, "q", 0);
        String full = d.prepend(q, SST.forCausalLm("q"));
        List<String> lines = full.lines().toList();
        assertEquals(5, lines.size()); // 4 demonstrations + query, each demonstration 5 tokens
        assertEquals(String.join("\n", lines.subList(2, 5)), d.prepend(q, "q It was", vocab, 13));
        assertEquals(full, d.prepend(q, "q It was", vocab, 100));
        assertEquals("q It was", d.prepend(q, "q It was", vocab, 2)); // the query is never cut here
        assertThrows(IllegalArgumentException.class, () -> d.prepend(q, "q", vocab, 0));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Demonstrations(SST, WORDS, pool(4), 0, 1, " "));
        assertThrows(IllegalArgumentException.class,
                () -> new Demonstrations(SST, WORDS, List.of(new Example(0, "x", 2)), 1, 1, " "));
    }
}
