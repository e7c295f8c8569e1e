package dev.zotuner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.tasks.kshot.TaskSplit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselinesTest {

    @TempDir
    Path tmp;

    @Test
    void everyBaselineScoresTheWholeTestSetForEachModelKind() {
        TaskSplit split = TinyFixtures.split(8, 3);
        for (String kind : new String[] {"mlm", "causal", "encoder"}) {
            Path dir = switch (kind) {
                case "mlm" -> TinyModels.mlm(tmp.resolve(kind));
                case "causal" -> TinyModels.causal(tmp.resolve(kind));
                default -> TinyModels.encoder(tmp.resolve(kind));
            };
            try (LanguageModel lm = TinyFixtures.load(dir, tmp.resolve("cache"))) {
                Baselines b = new Baselines(lm, kind.equals("causal") ? TinyFixtures.CAUSAL : TinyFixtures.MASKED, 20, 8);
                int n = split.test().size();
                assertEquals(n, b.zeroShot(split).examples(), kind);
                assertEquals(n, b.inContext(split, 1, 30).examples(), kind);
                Baselines.LinearProbeResult lp = b.linearProbe(split);
                assertEquals(n, lp.test().examples(), kind);
                assertTrue(lp.c() > 0, kind);
            }
        }
    }

    @Test
    void overLongPromptsKeepTheirMaskWithAndWithoutDemonstrations() {
        TaskSplit split = TinyFixtures.split(4, 7, 5);   // up to 8 words a sentence
        try (LanguageModel lm = LanguageModel.load(ModelSpec.of(TinyModels.mlm(tmp.resolve("m")).toString())
                .withCacheDir(tmp.resolve("cache")).withMaxLength(9))) {
            assertTrue(split.test().stream().anyMatch(e -> !lm.tokenizer().fits(e.text() + " it was [MASK] .")),
                    "some test prompts are over --max-length 9");
            Baselines b = new Baselines(lm, TinyFixtures.MASKED, 20, 8);
            assertEquals(split.test().size(), b.zeroShot(split).examples());
            assertEquals(split.test().size(), b.inContext(split, 1, 9).examples(), "demonstrations within 9 tokens");
            assertEquals(split.test().size(), b.linearProbe(split).test().examples());
        }
    }

    @Test
    void linearProbeLearnsTheCueWordsOnTheEncoder() {
        // The tiny encoder's mean-pooled embedding still carries which cue word occurred.
        TaskSplit split = TinyFixtures.split(16, 1, 4);
        try (LanguageModel lm = TinyFixtures.load(TinyModels.encoder(tmp.resolve("e")), tmp.resolve("cache"))) {
            Baselines b = new Baselines(lm, TinyFixtures.MASKED, 20, 16);
            double probe = b.linearProbe(split).test().accuracy();
            assertTrue(probe > 0.7, "linear probe accuracy " + probe);
        }
    }

    @Test
    void aStoppedBaselineGivesUpBeforeItsNextForwardBatchInEveryMode() {
        TaskSplit split = TinyFixtures.split(4, 1);
        try (LanguageModel lm = TinyFixtures.load(TinyModels.mlm(tmp.resolve("m")), tmp.resolve("cache"))) {
            Baselines b = new Baselines(lm, TinyFixtures.MASKED, 20, 1, () -> true);
            assertThrows(java.util.concurrent.CancellationException.class, () -> b.zeroShot(split));
            assertThrows(java.util.concurrent.CancellationException.class, () -> b.inContext(split, 1, 64));
            assertThrows(java.util.concurrent.CancellationException.class, () -> b.linearProbe(split));
        }
    }
}
