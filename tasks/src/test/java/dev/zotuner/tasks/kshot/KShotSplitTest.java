package dev.zotuner.tasks.kshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tasks.Example;
import dev.zotuner.tasks.Task;
import dev.zotuner.tasks.Tasks;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KShotSplitTest {

    private Map<String, Task> tasks;

    @BeforeAll
    void load() {
        tasks = Map.of("sst2", Tasks.builtin("sst2"), "sst5", Tasks.builtin("sst5"), "trec", Tasks.builtin("trec"));
    }

    @ParameterizedTest
    @CsvSource({
        "sst2, 16, 32, 32, 872",
        "sst5, 16, 80, 80, 2210",
        "trec, 16, 96, 96, 500",
        "sst2, 512, 1024, 1024, 872",
        "sst5, 512, 2560, 2560, 2210",
        // TREC at k=512: ABBR has 86 rows (86 train, 0 dev), LOC 835 (323 dev), NUM 896 (384 dev).
        "trec, 512, 2646, 2243, 500",
    })
    void splitSizes(String task, int k, int train, int dev, int test) {
        for (long seed : KShotSplit.DEFAULT_SEEDS) {
            TaskSplit s = KShotSplit.sample(tasks.get(task), k, seed);
            assertEquals(train, s.train().size(), task + " seed " + seed);
            assertEquals(dev, s.dev().size(), task + " seed " + seed);
            assertEquals(test, s.test().size(), task + " seed " + seed);
        }
    }

    @Test
    void kPerClassInTrainAndDev() {
        TaskSplit s = KShotSplit.sample(tasks.get("sst5"), 16, 13);
        assertEquals(List.of(16, 16, 16, 16, 16), perClass(s.train(), 5));
        assertEquals(List.of(16, 16, 16, 16, 16), perClass(s.dev(), 5));
        assertEquals(List.of(16, 16, 16, 16, 16), s.provenance().trainPerClass());
        assertEquals(List.of(), s.provenance().shortClasses());
    }

    @Test
    void shortTrecClassesGiveWhatTheyHaveTrainFirst() {
        TaskSplit s = KShotSplit.sample(tasks.get("trec"), 512, 42);
        // DESC, ENTY, ABBR, HUM, LOC, NUM
        assertEquals(List.of(512, 512, 86, 512, 512, 512), perClass(s.train(), 6));
        assertEquals(List.of(512, 512, 0, 512, 323, 384), perClass(s.dev(), 6));
        assertEquals(List.of(512, 512, 0, 512, 323, 384), s.provenance().devPerClass());
        assertEquals(List.of(2, 4, 5), s.provenance().shortClasses());
    }

    @ParameterizedTest
    @CsvSource({"sst2, 16", "sst5, 512", "trec, 512"})
    void trainAndDevDoNotOverlap(String task, int k) {
        for (long seed : KShotSplit.DEFAULT_SEEDS) {
            TaskSplit s = KShotSplit.sample(tasks.get(task), k, seed);
            Set<Integer> rows = new HashSet<>();
            s.train().forEach(e -> assertTrue(rows.add(e.row()), "duplicate train row " + e.row()));
            s.dev().forEach(e -> assertTrue(rows.add(e.row()), "dev row " + e.row() + " also used"));
            s.train().forEach(e -> assertEquals(tasks.get(task).train().get(e.row()), e));
        }
    }

    @Test
    void sameInputsGiveTheSameSplitAndSeedsDiffer() {
        TaskSplit a = KShotSplit.sample(tasks.get("sst2"), 16, 13);
        TaskSplit b = KShotSplit.sample(Tasks.builtin("sst2"), 16, 13);
        assertEquals(a, b);
        assertNotEquals(rows(a.train()), rows(KShotSplit.sample(tasks.get("sst2"), 16, 21).train()));
    }

    @Test
    void splitIsPinned() {
        // First train rows of SST-2, k=16, seed 13; a change here changes every reported result.
        assertEquals(List.of(5349, 2500, 6043, 3379, 639, 5618, 1175, 2079), rows(KShotSplit.sample(tasks.get("sst2"), 16, 13).train()).subList(0, 8));
    }

    @Test
    void testCapSubsamplesTheSameRowsForEverySeedInFileOrder() {
        Task sst5 = tasks.get("sst5");
        TaskSplit a = KShotSplit.sample(sst5, 16, 13, 1000);
        TaskSplit b = KShotSplit.sample(sst5, 16, 87, 1000);
        assertEquals(1000, a.test().size());
        assertEquals(a.test(), b.test());
        List<Integer> rows = rows(a.test());
        assertEquals(rows.stream().sorted().toList(), rows);
        assertEquals(1000, new HashSet<>(rows).size());
        assertEquals(872, KShotSplit.sample(tasks.get("sst2"), 16, 13, 1000).test().size());
        assertEquals(1000, a.provenance().testCap());
        assertEquals(2210, a.provenance().testPool());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> KShotSplit.sample(tasks.get("sst2"), 0, 13));
        assertThrows(IllegalArgumentException.class, () -> KShotSplit.sample(tasks.get("sst2"), 16, 13, -1));
    }

    private static List<Integer> perClass(List<Example> examples, int classes) {
        int[] c = new int[classes];
        examples.forEach(e -> c[e.label()]++);
        return java.util.Arrays.stream(c).boxed().toList();
    }

    private static List<Integer> rows(List<Example> examples) {
        return examples.stream().map(Example::row).toList();
    }
}
