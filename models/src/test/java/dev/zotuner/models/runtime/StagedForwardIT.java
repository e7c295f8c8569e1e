package dev.zotuner.models.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.Execution;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The embedded models run as a chain of per-block stages compute what the whole graph computes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StagedForwardIT {

    private static final List<String> SENTENCES = List.of(
            "it's a charming and often affecting journey.",
            "unflinchingly bleak and desperate",
            "the acting , costumes , music , cinematography and sound are all astounding given the production 's austere locales .",
            "a gorgeous , witty , seductive movie .");

    private Path cache;

    @BeforeAll
    void cache() throws IOException {
        cache = Files.createTempDirectory("zo-staged-it");
    }

    @AfterAll
    void clean() throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"minilm-l6", "bge-small"})
    void stagesPerBlockEqualTheWholeGraph(String model) {
        try (LanguageModel lm = LanguageModel.load(ModelSpec.of(model).withCacheDir(cache).withExecution(Execution.whole()))) {
            TokenBatch batch = lm.tokenizer().encodeBatch(SENTENCES);
            float[] whole = StagedForwardTest.copy(lm.forwardOutput(batch));
            try (Forward staged = StagedForward.open(lm.prepared(), Execution.whole().withSplitBlocks(true), null)) {
                StagedForward s = (StagedForward) staged;
                int layers = lm.parameters().blocks().size() - 1;
                assertEquals(layers + 1, s.pass().segments(), "embeddings + one stage per layer");
                float[] split = StagedForwardTest.copy(staged.run(batch));
                double rel = StagedForwardTest.maxRelativeDifference(split, whole);
                assertTrue(rel <= 1e-5, model + ": max relative difference " + rel);
            }
        }
    }
}
