package dev.zotuner.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DelimitedTextTest {

    private static final CustomTaskOptions OPT = CustomTaskOptions.defaults();

    @Test
    void readsNamedColumnsKeepingQuotesInTsv() {
        List<RawExample> rows = DelimitedText.read(
                "label\tsentence\n1\tThe `` Conan '' film .\r\n\n0\t\"bad\"\n", TableFormat.TSV, "f.tsv", OPT);
        assertEquals(List.of(new RawExample(2, "The `` Conan '' film .", "1"), new RawExample(4, "\"bad\"", "0")), rows);
    }

    @Test
    void readsIndexedColumnsWithoutHeader() {
        CustomTaskOptions opt = OPT.withHeader(false).withColumns("1", "0");
        List<RawExample> rows = DelimitedText.read("pos,great\nneg,awful\n", TableFormat.CSV, "f.csv", opt);
        assertEquals(new RawExample(2, "awful", "neg"), rows.get(1));
    }

    @Test
    void missingColumnInHeaderIsAnError() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> DelimitedText.read("label\ttext\n1\tx\n", TableFormat.TSV, "f.tsv", OPT));
        assertEquals("f.tsv:1: missing column 'sentence' in header (columns: label, text)", e.getMessage());
    }

    @Test
    void wrongFieldCountNamesTheLine() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> DelimitedText.read("label\tsentence\n1\tx\n0\ty\tz\n", TableFormat.TSV, "f.tsv", OPT));
        assertTrue(e.getMessage().startsWith("f.tsv:3: expected 2 fields, found 3"), e.getMessage());
    }

    @Test
    void nonNumericColumnWithoutHeaderIsAnError() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> DelimitedText.read("1,x\n", TableFormat.CSV, "f.csv", OPT.withHeader(false)));
        assertTrue(e.getMessage().contains("0-based column index"), e.getMessage());
    }

    @Test
    void emptyFileIsAnError() {
        assertThrows(DataFileException.class, () -> DelimitedText.read("\n\n", TableFormat.TSV, "f.tsv", OPT));
    }
}
