package dev.zotuner.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.tasks.Example;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentenceFitTest {

    private static final Example LONG = new Example(7, "i loved this film and the story was really fun", 1);
    private static final Example SHORT = new Example(3, "loved it", 1);

    @TempDir
    Path tmp;

    private LanguageModel load(Path dir, int maxLength) {
        return LanguageModel.load(ModelSpec.of(dir.toString()).withCacheDir(tmp.resolve("cache")).withMaxLength(maxLength));
    }

    @Test
    void aMaskedLmKeepsTheTemplateAndItsMaskAndLosesTheSentenceEnd() {
        try (LanguageModel lm = load(TinyModels.mlm(tmp.resolve("mlm")), 8)) {
            ClassHead head = Heads.forModel(lm, TinyFixtures.MASKED, TinyFixtures.LABELS, 20);
            SentenceFit fit = new SentenceFit(lm.tokenizer(), head::render);
            // [CLS] + 2 sentence tokens + "it was [MASK] ." + [SEP] = 8
            assertEquals("i loved it was [MASK] .", fit.render(LONG));
            assertEquals(8, lm.tokenizer().encode(fit.render(LONG)).length());
            assertEquals(head.render(SHORT.text()), fit.render(SHORT), "a prompt that fits is left alone");
            assertSame(fit.render(LONG), fit.render(LONG), "cached by sentence");

            double[] fitted = PromptedClassifier.of(lm, head).logits(List.of(LONG))[0];
            double[] byHand = new PromptedClassifier(lm, head, e -> "i loved it was [MASK] .", 1).logits(List.of(LONG))[0];
            assertArrayEquals(byHand, fitted, 0);
            IllegalArgumentException old = assertThrows(IllegalArgumentException.class,
                    () -> PromptedClassifier.cuttingPromptEnd(lm, head).logits(List.of(LONG)));
            assertTrue(old.getMessage().contains("has no mask token"), "what runs made before did: " + old.getMessage());
        }
    }

    @Test
    void aCausalLmStillEndsAtTheLabelPosition() {
        try (LanguageModel lm = load(TinyModels.causal(tmp.resolve("causal")), 6)) {
            ClassHead head = Heads.forModel(lm, TinyFixtures.CAUSAL, TinyFixtures.LABELS, 20);
            SentenceFit fit = new SentenceFit(lm.tokenizer(), head::render);
            assertEquals("i loved this film it was", fit.render(LONG), "no special tokens: 4 + 2");
            double[] fitted = PromptedClassifier.of(lm, head).logits(List.of(LONG))[0];
            double[] cutEnd = PromptedClassifier.cuttingPromptEnd(lm, head).logits(List.of(LONG))[0];
            assertFalse(Arrays.equals(fitted, cutEnd), "the old cut scored 'i loved this film and the', no label position");
            double[] byHand = new PromptedClassifier(lm, head, e -> "i loved this film it was", 1).logits(List.of(LONG))[0];
            assertArrayEquals(byHand, fitted, 0);
        }
    }

    @Test
    void aTemplateThatDoesNotFitAloneIsAOneLineErrorNamingTheExample() {
        try (LanguageModel lm = load(TinyModels.mlm(tmp.resolve("mlm")), 5)) {
            ClassHead head = Heads.forModel(lm, TinyFixtures.MASKED, TinyFixtures.LABELS, 20);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SentenceFit(lm.tokenizer(), head::render).render(LONG));
            assertEquals("example 7 (\"i loved this film and the story was real…\"): the prompt does not fit "
                    + "--max-length 5 even without its sentence; raise --max-length or shorten the template", e.getMessage());
        }
    }
}
