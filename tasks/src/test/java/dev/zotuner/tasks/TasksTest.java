package dev.zotuner.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TasksTest {

    @Test
    void sst2UsesTheDevSetAsTest() {
        Task t = Tasks.builtin("sst2");
        assertEquals(6920, t.train().size());
        assertEquals(872, t.test().size());
        assertEquals(List.of(3310, 3610), counts(t.train(), 2));
        assertEquals(List.of(428, 444), counts(t.test(), 2));
        Example first = t.train().get(0);
        assertEquals(0, first.row());
        assertEquals(1, first.label());
        assertTrue(first.text().startsWith("The Rock is destined"), first.text());
        assertTrue(t.description().contains("sst2/dev.tsv"), t.description());
    }

    @Test
    void sst5Sizes() {
        Task t = Tasks.builtin("sst5");
        assertEquals(8544, t.train().size());
        assertEquals(2210, t.test().size());
        assertEquals(List.of(1092, 2218, 1624, 2322, 1288), counts(t.train(), 5));
        assertEquals(List.of(279, 633, 389, 510, 399), counts(t.test(), 5));
    }

    @Test
    void trecSizesInLmBffClassOrder() {
        Task t = Tasks.builtin("trec");
        assertEquals(5452, t.train().size());
        assertEquals(500, t.test().size());
        // DESC, ENTY, ABBR, HUM, LOC, NUM
        assertEquals(List.of(1162, 1250, 86, 1223, 835, 896), counts(t.train(), 6));
        assertEquals(List.of(138, 94, 9, 65, 81, 113), counts(t.test(), 6));
        assertEquals(5451, t.train().get(5451).row());
    }

    @Test
    void builtinIds() {
        assertEquals(List.of("sst2", "sst5", "trec"), Tasks.builtinIds());
        assertThrows(IllegalArgumentException.class, () -> Tasks.builtin("sst3"));
    }

    @Test
    void loadFromCorruptedCopyFails(@TempDir Path dir) throws IOException {
        BundledDataTest.copy("SHA256SUMS", dir);
        BundledDataTest.copy("sst2/train.tsv", dir);
        Path dev = BundledDataTest.copy("sst2/dev.tsv", dir);
        assertEquals(872, Tasks.load(BuiltinTask.SST2, BundledData.directory(dir)).test().size());
        Files.writeString(dev, "label\tsentence\n1\tan extra row\n", java.nio.file.StandardOpenOption.APPEND);
        DataFileException e = assertThrows(DataFileException.class,
                () -> Tasks.load(BuiltinTask.SST2, BundledData.directory(dir)));
        assertTrue(e.getMessage().startsWith(dir + "/sst2/dev.tsv: SHA-256 mismatch"), e.getMessage());
    }

    static List<Integer> counts(List<Example> examples, int classes) {
        int[] c = new int[classes];
        examples.forEach(e -> c[e.label()]++);
        return java.util.Arrays.stream(c).boxed().toList();
    }

    @Test
    void resolvesBundledIdsAndCustomFilesByName(@TempDir Path dir) throws IOException {
        assertEquals("trec", Tasks.resolve("trec", null, CustomTaskOptions.defaults()).name());
        Path train = Files.write(dir.resolve("my-reviews.tsv"), List.of("label\tsentence", "a\tgood", "b\tbad"));
        Task custom = Tasks.resolve(train.toString(), train, CustomTaskOptions.defaults());
        assertEquals("my-reviews", custom.name());
        assertEquals(2, custom.train().size());
        assertEquals("my-reviews", Tasks.nameOf(train.toString()));
        assertEquals("sst5", Tasks.nameOf("sst5"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Tasks.resolve("sst7", null, CustomTaskOptions.defaults()));
        assertTrue(unknown.getMessage().startsWith("unknown task 'sst7'"), unknown.getMessage());
        IllegalArgumentException noTest = assertThrows(IllegalArgumentException.class,
                () -> Tasks.resolve(train.toString(), null, CustomTaskOptions.defaults()));
        assertTrue(noTest.getMessage().contains("--test-file is required"), noTest.getMessage());
    }
}
