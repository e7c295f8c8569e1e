package dev.zotuner.tuner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zotuner.tuner.optim.BlockOrder;
import dev.zotuner.tuner.optim.LearningRate;
import dev.zotuner.tuner.optim.Restoration;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.run.RunDirectory;
import dev.zotuner.tuner.rundir.JsonFields;
import dev.zotuner.tuner.rundir.RunDirectoryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config.json files written by earlier builds (fixtures: a 2026-12-03 {@code zo finetune} run with non-default
 * choices, the same before {@code inputs.slice_head}, a run from before the {@code inputs} object, and the first layout
 * with no nested objects) read into the typed config and write back unchanged.
 */
class ConfigJsonTest {

    @TempDir
    Path tmp;

    private static String fixture(String name) throws IOException {
        try (InputStream in = ConfigJsonTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static FineTuneConfig read(String json) throws IOException {
        return JsonFields.mapper().readValue(json, FineTuneConfig.class);
    }

    /** Writes {@code config} as a new run does and returns the file. */
    private String written(FineTuneConfig config, String name) throws IOException {
        Path dir = tmp.resolve(name);
        try (RunDirectory run = RunDirectory.create(dir, config)) {
            return Files.readString(dir.resolve("config.json"));
        }
    }

    @Test
    void aCurrentConfigReadsIntoTypedChoicesAndWritesBackByteForByte() throws IOException {
        String json = fixture("config-current.json");
        FineTuneConfig c = read(json);
        assertEquals(7, c.seed());
        assertEquals(ZoMethod.ZO_SGD_MOMENTUM, c.method());
        assertEquals(LearningRate.Decay.LINEAR, c.optimizer().schedule());
        assertEquals(BlockOrder.RANDOM_PERMUTATION, c.optimizer().blockOrder());
        assertEquals(Restoration.SNAPSHOT, c.optimizer().restoration());
        assertEquals(NoiseKind.RADEMACHER, c.optimizer().noise());
        assertEquals(FewShotObjective.Kind.ACCURACY, c.loop().objective());
        assertEquals(LearningRate.linear(1e-6, 2), c.settings().lr(), "linear decay ends at the run's last step");
        assertEquals(0.01, c.settings().weightDecay());
        assertEquals(1, c.model().peft().topLayers());
        assertEquals("sparse", c.optimizer().perturbation().structure());
        assertEquals(true, c.model().inputs().keepTies());
        assertEquals(true, c.model().inputs().sliceHead());
        assertEquals(100.0, c.loop().budget().seconds());
        assertEquals("ABBR", c.prompt().labelWords().keySet().iterator().next(), "verbalizer keeps the file's order");
        assertEquals(json, written(c, "current"));
    }

    @Test
    void aRunFromBeforeTheHeadSliceKeepsTheWholeHeadAndWritesBackByteForByte() throws IOException {
        String json = fixture("config-before-head-slice.json");
        FineTuneConfig c = read(json);
        assertEquals(new InputConfig(true, InputConfig.SENTENCE, true, false), c.model().inputs());
        assertEquals(false, c.modelSpec(tmp).sliceHead(), "logits at every position, as it ran");
        assertEquals(json, written(c, "before-head-slice"));
    }

    @Test
    void olderLayoutsReadWithTheDefaultsTheyWereMadeWithAndKeepEveryField() throws IOException {
        for (String name : new String[] {"config-first.json", "config-before-inputs.json"}) {
            String json = fixture(name);
            FineTuneConfig c = read(json);
            assertEquals(InputConfig.legacy(), c.model().inputs(), name);
            assertEquals(PerturbationConfig.dense(), c.optimizer().perturbation(), name);
            assertEquals(BudgetConfig.none(), c.loop().budget(), name);
            assertNull(c.provenance(), name);
            JsonNode before = JsonFields.mapper().readTree(json);
            JsonNode after = JsonFields.mapper().readTree(written(c, name));
            for (Iterator<Map.Entry<String, JsonNode>> it = before.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                assertEquals(f.getValue(), after.get(f.getKey()), name + ": " + f.getKey());
            }
        }
        FineTuneConfig first = read(fixture("config-first.json"));
        assertEquals(PeftConfig.none(), first.model().peft());
        assertEquals(ExecutionConfig.legacy(), first.model().execution());
    }

    @Test
    void aValueOutOfItsVocabularyIsOneLineNamingTheFileAndTheChoices() throws IOException {
        Path dir = tmp.resolve("bad");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), fixture("config-current.json").replace("\"rademacher\"", "\"uniform\""));
        Files.writeString(dir.resolve("metrics.jsonl"), "");
        try (RunDirectory run = RunDirectory.open(dir)) {
            RunDirectoryException e = assertThrows(RunDirectoryException.class, () -> run.config(FineTuneConfig.class));
            assertTrue(e.getMessage().contains(dir.resolve("config.json").toString()), e.getMessage());
            assertTrue(e.getMessage().contains("--noise must be one of gaussian, rademacher, got 'uniform'"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void aTrainedHeadIsWrittenBeforeTheProvenanceAndReadsBack() throws IOException {
        String json = fixture("config-current.json");
        FineTuneConfig c = read(json);
        assertNull(c.prompt().head(), "a run without a head");
        PromptSettings p = c.prompt();
        HeadConfig head = new HeadConfig(HeadConfig.PROTOTYPE, 0.003, 0.1, 50);
        FineTuneConfig withHead = new FineTuneConfig(c.seed(), c.model(), c.task(),
                new PromptSettings(p.template(), p.labelWords(), p.similarityScale(), head), c.optimizer(), c.loop(),
                c.provenance());
        String written = written(withHead, "head");
        assertTrue(written.contains("\"head\" : {\n    \"method\" : \"prototype\",\n    \"lr\" : 0.003,\n"
                + "    \"decay\" : 0.1,\n    \"warmup\" : 50\n  },\n  \"provenance\""), written);
        assertEquals(head, read(written).prompt().head());
        assertEquals(json, written(read(written.replaceAll("(?s)  \"head\" : \\{[^}]*},\n", "")), "no-head"));
    }

    @Test
    void aSelectionOtherThanTheDefaultIsWrittenBeforeTheProvenanceAndReadsBack() throws IOException {
        String json = fixture("config-current.json");
        FineTuneConfig c = read(json);
        assertEquals(CheckpointSelection.devAccuracy(), c.loop().selection(), "a run without a selection object");
        LoopSettings l = c.loop();
        CheckpointSelection selection = new CheckpointSelection(CheckpointSelection.LOSS, 100);
        FineTuneConfig selecting = new FineTuneConfig(c.seed(), c.model(), c.task(), c.prompt(), c.optimizer(),
                new LoopSettings(l.steps(), l.batch(), l.objective(), l.evalEvery(), l.snapshotEvery(), l.curvatureEvery(),
                        l.probes(), l.ritzDirections(), l.centerLoss(), l.budget(), selection), c.provenance());
        String written = written(selecting, "selection");
        assertTrue(written.contains("\"selection\" : {\n    \"statistic\" : \"loss\",\n    \"from\" : 100\n  },\n"
                + "  \"provenance\""), written);
        assertEquals(selection, read(written).loop().selection());
        assertEquals(json, written(read(written.replaceAll("(?s)  \"selection\" : \\{[^}]*},\n", "")), "default"));
        CheckpointSelection averaged = selection.averaging(500);
        String withAverage = written(new FineTuneConfig(c.seed(), c.model(), c.task(), c.prompt(), c.optimizer(),
                new LoopSettings(l.steps(), l.batch(), l.objective(), l.evalEvery(), l.snapshotEvery(), l.curvatureEvery(),
                        l.probes(), l.ritzDirections(), l.centerLoss(), l.budget(), averaged), c.provenance()), "average");
        assertTrue(withAverage.contains("\"from\" : 100,\n    \"average\" : 500\n  },"), withAverage);
        assertEquals(averaged, read(withAverage).loop().selection());
    }
}
