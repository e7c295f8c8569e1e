package dev.zotuner.tuner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zotuner.tasks.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskSettingsTest {

    @TempDir
    Path tmp;

    @Test
    void aCustomTaskIsReadWithItsColumnsHeaderAndLabelOrder() throws IOException {
        Path train = tmp.resolve("train.tsv");
        Files.writeString(train, "good film\tyes\nbad film\tno\nfine film\tyes\n");
        Path test = tmp.resolve("test.tsv");
        Files.writeString(test, "great film\tyes\n");
        TaskSettings t = new TaskSettings(train.toString(), test, "0", "1", false, List.of("no", "yes"), 1, 0);
        Task task = t.load();
        assertEquals(List.of("no", "yes"), task.labels().values());
        assertEquals(3, task.train().size());
        assertEquals(1, task.test().size());
    }

    @Test
    void noLabelsMeansDerived() {
        assertEquals(List.of(), new TaskSettings("sst2", null, "sentence", "label", true, null, 16, 0).labels());
    }
}
