package dev.zotuner.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomTaskTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void loadsCsvWithSortedDistinctLabels() throws IOException {
        Path train = file("train.csv", "stars,review\n10,\"great, really\"\n2,meh\n10,fine\n");
        Path test = file("test.csv", "stars,review\n2,bad\n");
        Task t = CustomTask.load("reviews", train, test,
                CustomTaskOptions.defaults().withColumns("review", "stars"));
        assertEquals(List.of("2", "10"), t.labels().values()); // numeric order, not "10" < "2"
        assertEquals(List.of(new Example(0, "great, really", 1), new Example(1, "meh", 0),
                new Example(2, "fine", 1)), t.train());
        assertEquals(List.of(new Example(0, "bad", 0)), t.test());
        assertEquals("reviews", t.name());
    }

    @Test
    void nonNumericLabelsSortAsStrings() {
        List<RawExample> raw = List.of(new RawExample(1, "a", "pos"), new RawExample(2, "b", "neg"),
                new RawExample(3, "c", "10"));
        assertEquals(List.of("10", "neg", "pos"), CustomTask.sortedDistinct(raw, "f"));
    }

    @Test
    void explicitLabelsFixClassOrder() throws IOException {
        Path train = file("train.jsonl", "{\"sentence\":\"a\",\"label\":\"pos\"}\n{\"sentence\":\"b\",\"label\":\"neg\"}\n");
        Task t = CustomTask.load("pn", train, train,
                CustomTaskOptions.defaults().withLabels(List.of("pos", "neg")));
        assertEquals(0, t.train().get(0).label());
        assertEquals(1, t.train().get(1).label());
    }

    @Test
    void unknownLabelNamesFileAndLine() throws IOException {
        Path train = file("train.tsv", "label\tsentence\n0\ta\n1\tb\n");
        Path test = file("test.tsv", "label\tsentence\n0\tc\n\n2\td\n");
        DataFileException e = assertThrows(DataFileException.class,
                () -> CustomTask.load("t", train, test, CustomTaskOptions.defaults()));
        assertEquals(test + ":4: unknown label '2' (labels found in " + train + ": 0, 1)", e.getMessage());
        DataFileException explicit = assertThrows(DataFileException.class,
                () -> CustomTask.load("t", train, test, CustomTaskOptions.defaults().withLabels(List.of("0", "9"))));
        assertEquals(train + ":3: unknown label '1' (labels: 0, 9)", explicit.getMessage());
    }

    @Test
    void emptyTextOrLabelIsAnError() throws IOException {
        Path blankText = file("a.tsv", "label\tsentence\n0\tx\n1\t  \n");
        assertEquals(blankText + ":3: empty text in 'sentence'", assertThrows(DataFileException.class,
                () -> CustomTask.load("t", blankText, blankText, CustomTaskOptions.defaults())).getMessage());
        Path blankLabel = file("b.tsv", "label\tsentence\n\tx\n");
        assertEquals(blankLabel + ":2: empty label in 'label'", assertThrows(DataFileException.class,
                () -> CustomTask.load("t", blankLabel, blankLabel, CustomTaskOptions.defaults())).getMessage());
    }

    @Test
    void singleLabelTrainingFileIsAnError() throws IOException {
        Path train = file("one.tsv", "label\tsentence\n0\ta\n0\tb\n");
        DataFileException e = assertThrows(DataFileException.class,
                () -> CustomTask.load("t", train, train, CustomTaskOptions.defaults()));
        assertEquals(train + ": needs at least 2 distinct labels, found [0]", e.getMessage());
    }

    @Test
    void missingFileIsAnError() {
        Path missing = dir.resolve("missing.tsv");
        assertEquals(missing + ": no such file", assertThrows(DataFileException.class,
                () -> CustomTask.load("t", missing, missing, CustomTaskOptions.defaults())).getMessage());
    }
}
