package dev.zotuner.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinTaskTest {

    @Test
    void idsAreCaseAndDashInsensitive() {
        assertEquals(BuiltinTask.SST2, BuiltinTask.byId("SST-2"));
        assertEquals(BuiltinTask.TREC, BuiltinTask.byId(" trec "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuiltinTask.byId("mnli"));
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void evaluationFilesFollowLmBff() {
        assertEquals("sst2/dev.tsv", BuiltinTask.SST2.testFile());
        assertEquals("sst5/test.tsv", BuiltinTask.SST5.testFile());
        assertEquals("trec/test.tsv", BuiltinTask.TREC.testFile());
    }

    @Test
    void trecClassOrderIsLmBffs() {
        assertEquals(List.of("DESC", "ENTY", "ABBR", "HUM", "LOC", "NUM"), BuiltinTask.TREC.labels().values());
        assertEquals("abbreviation", BuiltinTask.TREC.labels().name(2));
        assertEquals(List.of("negative", "positive"), BuiltinTask.SST2.labels().names());
        assertEquals("very positive", BuiltinTask.SST5.labels().name(4));
    }
}
