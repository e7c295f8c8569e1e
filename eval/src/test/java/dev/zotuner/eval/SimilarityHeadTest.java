package dev.zotuner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.prompts.LabelPrompts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimilarityHeadTest {

    @TempDir
    Path tmp;

    private static double cosine(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * (double) b[i];
            aa += a[i] * (double) a[i];
            bb += b[i] * (double) b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void logitsAreScaledCosinesWithLabelPromptsAtCurrentWeights() {
        try (LanguageModel lm = TinyFixtures.load(TinyModels.encoder(tmp.resolve("enc")), tmp.resolve("cache"))) {
            LabelPrompts labels = TinyFixtures.MASKED.labelPrompts(TinyFixtures.LABELS);
            SimilarityHead head = new SimilarityHead(TinyFixtures.MASKED.template(), labels, 7.0);
            String input = head.render("the film was boring");
            assertEquals("the film was boring it was .", input);
            double[] logits = head.prepare(lm).score(lm.tokenizer().encodeBatch(List.of(input)))[0];
            float[] x = lm.forward(List.of(input)).row(0);
            for (int c = 0; c < 2; c++) {
                float[] e = lm.forward(List.of(labels.text(c))).row(0);
                assertEquals(7.0 * cosine(x, e), logits[c], 1e-5);
            }
            // Label prompts are re-embedded in each scoring pass: an edit of θ moves them too.
            Parameter p = lm.parameters().parameters().get(0);
            for (int i = 0; i < p.size(); i++) {
                p.values().put(i, p.values().get(i) * 1.5f + 0.01f);
            }
            double[] after = head.prepare(lm).score(lm.tokenizer().encodeBatch(List.of(input)))[0];
            float[] x2 = lm.forward(List.of(input)).row(0);
            float[] e2 = lm.forward(List.of(labels.text(1))).row(0);
            assertEquals(7.0 * cosine(x2, e2), after[1], 1e-5);
        }
    }

    @Test
    void rejectsNonPositiveScale() {
        assertThrows(IllegalArgumentException.class, () -> new SimilarityHead(TinyFixtures.MASKED.template(),
                TinyFixtures.MASKED.labelPrompts(TinyFixtures.LABELS), 0));
    }
}
