package dev.zotuner.tasks.kshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tasks.Task;
import dev.zotuner.tasks.Tasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskSplitTest {

    @Test
    void writeToShowsWhichRowsWereUsedAndReadsBack(@TempDir Path run) throws IOException {
        Task trec = Tasks.builtin("trec");
        TaskSplit s = KShotSplit.sample(trec, 16, 21, 100);
        Path dir = run.resolve("split");
        s.writeTo(dir);
        List<String> dev = Files.readAllLines(dir.resolve("dev.tsv"));
        assertEquals(1 + 96, dev.size());
        String[] first = dev.get(1).split("\t", 3);
        var row = trec.train().get(Integer.parseInt(first[0]));
        assertEquals(row.text(), first[2]);
        assertEquals(trec.labels().value(row.label()), first[1]);
        assertEquals(101, Files.readAllLines(dir.resolve("test.tsv")).size());
        assertEquals(s, TaskSplit.readFrom(dir));
    }

    @Test
    void listsAreImmutable() {
        TaskSplit s = KShotSplit.sample(Tasks.builtin("sst2"), 2, 13);
        assertThrows(UnsupportedOperationException.class, () -> s.train().clear());
        assertTrue(s.provenance().source().startsWith("built-in sst2"));
    }
}
