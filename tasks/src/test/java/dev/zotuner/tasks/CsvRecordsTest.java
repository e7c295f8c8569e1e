package dev.zotuner.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

    @Test
    void splitsPlainAndQuotedFields() {
        List<CsvRecords.Row> rows = CsvRecords.parse(
                "label,text\r\n1,\"a, \"\"quoted\"\" word\"\n\n0,plain\n", "f.csv");
        assertEquals(3, rows.size());
        assertEquals(List.of("label", "text"), rows.get(0).fields());
        assertEquals(List.of("1", "a, \"quoted\" word"), rows.get(1).fields());
        assertEquals(List.of("0", "plain"), rows.get(2).fields());
        assertEquals(4, rows.get(2).line());
    }

    @Test
    void quotedLineBreakKeepsRecordStartLine() {
        List<CsvRecords.Row> rows = CsvRecords.parse("a,\"two\nlines\"\nb,c", "f.csv");
        assertEquals(List.of("a", "two\nlines"), rows.get(0).fields());
        assertEquals(1, rows.get(0).line());
        assertEquals(3, rows.get(1).line());
        assertEquals(List.of("b", "c"), rows.get(1).fields());
    }

    @Test
    void unclosedQuoteNamesItsLine() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> CsvRecords.parse("a,b\nc,\"open\nmore\n", "f.csv"));
        assertEquals("f.csv:2: quoted field is never closed", e.getMessage());
    }

    @Test
    void strayQuotesAreErrors() {
        DataFileException inside = assertThrows(DataFileException.class,
                () -> CsvRecords.parse("a,b\nc,5\" tall\n", "f.csv"));
        assertEquals(2, inside.line());
        DataFileException after = assertThrows(DataFileException.class,
                () -> CsvRecords.parse("\"x\"y,b\n", "f.csv"));
        assertEquals(1, after.line());
    }
}
