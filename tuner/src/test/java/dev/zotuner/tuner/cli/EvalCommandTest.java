package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.tuner.testing.TinyRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

    @TempDir
    Path tmp;
    private TinyRun files;

    @BeforeEach
    void data() {
        files = TinyRun.encoder(tmp, 12);
    }

    private String[] args(String... extra) {
        return files.args(List.of("eval"), extra);
    }

    @Test
    void jsonReportsEverySeedAndTheirMean() throws IOException {
        CliRun run = CliRun.of(args("--mode", "linear-probe", "--k", "4", "--seeds", "1,2", "--json"));
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("linear-probe", json.get("mode").asText());
        assertEquals(12, json.get("test_examples").asInt());
        assertEquals("test", json.get("eval_on").asText());
        assertEquals(2, json.get("seeds").size());
        double mean = (json.get("seeds").get(0).get("accuracy").asDouble()
                + json.get("seeds").get(1).get("accuracy").asDouble()) / 2;
        assertEquals(mean, json.get("mean").get("accuracy").asDouble(), 1e-12);
        assertTrue(json.get("seeds").get(0).has("c"));
    }

    @Test
    void zeroShotOnTheFullTestSetRunsOnceAndPrintsATable() {
        CliRun run = CliRun.of(args("--mode", "zero-shot"));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("zero-shot") && run.out().contains("mean"), run.out());
        assertEquals(1, run.err().lines().filter(l -> l.contains("seed")).count(), run.err());
    }

    @Test
    void zeroShotOnDevScoresEachSeedsDevSplit() throws IOException {
        CliRun run = CliRun.of(args("--mode", "zero-shot", "--eval-on", "dev", "--k", "3", "--seeds", "1,2,3", "--json"));
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("dev", json.get("eval_on").asText());
        assertEquals(6, json.get("dev_examples").asInt(), "k per class of the two classes, not the 12 test rows");
        assertEquals(3, json.get("seeds").size(), "the dev split differs per seed, so zero-shot runs for each");
        assertTrue(run.err().contains("on 6 dev examples"), run.err());
    }

    @Test
    void linearProbeOnDevIsRefused() {
        CliRun run = CliRun.of(args("--mode", "linear-probe", "--eval-on", "dev"));
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("zo: --eval-on dev: the linear probe chooses C on the dev split"), run.err());
        assertEquals(2, CliRun.of(args("--eval-on", "train")).exit());
    }

    @Test
    void unknownTaskAndMissingTestFileAreOneLineErrors() {
        CliRun unknown = CliRun.of("eval", "--task", "sst7");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().startsWith("zo: unknown task 'sst7'"), unknown.err());
        assertEquals(1, unknown.err().lines().count());
        CliRun noTest = CliRun.of("eval", "--task", files.train().toString());
        assertEquals(1, noTest.exit());
        assertTrue(noTest.err().contains("--test-file is required"), noTest.err());
    }

    @Test
    void badModeIsAUsageError() {
        assertEquals(2, CliRun.of(args("--mode", "few-shot")).exit());
    }
}
