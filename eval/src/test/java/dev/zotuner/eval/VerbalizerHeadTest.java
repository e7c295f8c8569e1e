package dev.zotuner.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.Representations;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.models.tokenizer.TokenBatch;
import dev.zotuner.prompts.PromptSet;
import dev.zotuner.prompts.Template;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerbalizerHeadTest {

    @TempDir
    Path tmp;

    @Test
    void maskedLmReadsLabelWordLogitsAtTheMask() {
        try (LanguageModel lm = TinyFixtures.load(TinyModels.mlm(tmp.resolve("mlm")), tmp.resolve("cache"))) {
            VerbalizerHead head = VerbalizerHead.of(lm, TinyFixtures.MASKED.template(),
                    TinyFixtures.MASKED.verbalizer(TinyFixtures.LABELS));
            int great = lm.tokenizer().tokenId("great").orElseThrow();
            int terrible = lm.tokenizer().tokenId("terrible").orElseThrow();
            assertArrayEquals(new int[] {terrible, great}, head.labelIds());

            String text = head.render("the movie was fun");
            assertEquals("the movie was fun it was [MASK] .", text);
            TokenBatch batch = lm.tokenizer().encodeBatch(List.of(text));
            // Hand check: position of [MASK] in the token ids, then the full logits row there.
            Representations full = lm.forward(batch);
            double[] logits = head.prepare(lm).score(batch)[0];
            assertEquals(full.get(0, terrible), logits[0], 0);
            assertEquals(full.get(0, great), logits[1], 0);
            double z = Math.exp(logits[0]) + Math.exp(logits[1]);
            assertEquals(-Math.log(Math.exp(logits[1]) / z), CrossEntropy.of(logits, 1), 1e-12);
        }
    }

    @Test
    void causalLmReadsNextTokenLogitsAtTheLastRealToken() {
        try (LanguageModel lm = TinyFixtures.load(TinyModels.causal(tmp.resolve("causal")), tmp.resolve("cache"))) {
            VerbalizerHead head = VerbalizerHead.of(lm, TinyFixtures.CAUSAL.template(),
                    TinyFixtures.CAUSAL.verbalizer(TinyFixtures.LABELS));
            assertEquals("the plot it was", head.render("the plot"));
            // Pad the short prompt next to a longer one: the read position must be its own last token.
            List<String> texts = List.of(head.render("the plot"), head.render("the acting and the story was very fun"));
            TokenBatch batch = lm.tokenizer().encodeBatch(texts);
            assertTrue(batch.length(0) < batch.length(1));
            double[][] logits = head.prepare(lm).score(batch);
            Representations alone = lm.forward(lm.tokenizer().encodeBatch(List.of(texts.get(0))));
            int great = lm.tokenizer().wordIds("great", true).length == 1
                    ? (int) lm.tokenizer().wordIds("great", true)[0] : -1;
            assertEquals(alone.get(0, great), logits[0][1], 1e-5);
        }
    }

    @Test
    void multiTokenOrUnknownLabelWordIsAnErrorNamingIt() {
        try (LanguageModel lm = TinyFixtures.load(TinyModels.mlm(tmp.resolve("mlm")), tmp.resolve("cache"))) {
            for (String word : new String[] {"very good", "superb"}) {
                PromptSet bad = new PromptSet("test", new Template("<sentence> it was [MASK] ."),
                        Map.of("0", "terrible", "1", word));
                Exception e = assertThrows(RuntimeException.class,
                        () -> VerbalizerHead.of(lm, bad.template(), bad.verbalizer(TinyFixtures.LABELS)));
                assertTrue(e.getMessage().contains(word), e.getMessage());
            }
        }
    }

    @Test
    void encoderIsRefused() {
        try (LanguageModel lm = TinyFixtures.load(TinyModels.encoder(tmp.resolve("enc")), tmp.resolve("cache"))) {
            assertThrows(IllegalArgumentException.class, () -> VerbalizerHead.of(lm, TinyFixtures.MASKED.template(),
                    TinyFixtures.MASKED.verbalizer(TinyFixtures.LABELS)));
        }
    }
}
