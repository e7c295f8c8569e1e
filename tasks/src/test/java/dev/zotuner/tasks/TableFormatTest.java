package dev.zotuner.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TableFormatTest {

    @Test
    void formatFromExtension() {
        assertEquals(TableFormat.TSV, TableFormat.forFile(Path.of("d/train.tsv")));
        assertEquals(TableFormat.CSV, TableFormat.forFile(Path.of("TRAIN.CSV")));
        assertEquals(TableFormat.JSONL, TableFormat.forFile(Path.of("a.jsonl")));
        assertEquals(TableFormat.JSONL, TableFormat.forFile(Path.of("a.ndjson")));
        DataFileException e = assertThrows(DataFileException.class, () -> TableFormat.forFile(Path.of("a.txt")));
        assertEquals(0, e.line());
    }

    @Test
    void parsesNames() {
        assertEquals(TableFormat.CSV, TableFormat.parse(" csv "));
        assertThrows(IllegalArgumentException.class, () -> TableFormat.parse("xml"));
    }
}
