package dev.zotuner.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.prompts.LabelPrompts;
import dev.zotuner.prompts.Template;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrototypeHeadTest {

    @TempDir
    Path tmp;

    private static final Template TEMPLATE = new Template("<sentence> it was [MASK] .");

    @Test
    void theZeroShotHeadScoresAsTheSimilarityHeadBitForBit() {
        try (LanguageModel lm = TinyFixtures.load(TinyModels.encoder(tmp.resolve("enc")), tmp.resolve("cache"))) {
            LabelPrompts labels = TinyFixtures.MASKED.labelPrompts(TinyFixtures.LABELS);
            SimilarityHead similarity = new SimilarityHead(TinyFixtures.MASKED.template(), labels, 20);
            PrototypeHead prototype = new PrototypeHead(TinyFixtures.MASKED.template(), 20, PrototypeHead.zeroShot(lm, labels));
            List<String> inputs = List.of(prototype.render("the film was boring"), prototype.render("loved the best story"),
                    prototype.render("bad"));
            assertEquals(similarity.render("bad"), prototype.render("bad"));
            double[][] expected = similarity.prepare(lm).score(lm.tokenizer().encodeBatch(inputs));
            double[][] actual = prototype.prepare(lm).score(lm.tokenizer().encodeBatch(inputs));
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i], actual[i], 0.0, "row " + i);
            }
            // The prototypes stay where they were when θ moves; the similarity head's label prompts move with it.
            var p = lm.parameters().parameters().get(0);
            for (int i = 0; i < p.size(); i++) {
                p.values().put(i, p.values().get(i) * 1.5f + 0.01f);
            }
            double[][] x = PrototypeHead.features(lm.forward(lm.tokenizer().encodeBatch(inputs)));
            double[][] after = prototype.prepare(lm).score(lm.tokenizer().encodeBatch(inputs));
            assertArrayEquals(prototype.logits(x)[0], after[0], 0.0);
        }
    }

    /** A head over random unit features, its weights random too. */
    private static PrototypeHead randomHead(SplittableRandom r, int classes, int dim, double scale) {
        double[][] w = new double[classes][dim];
        double[] b = new double[classes];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < dim; j++) {
                w[c][j] = r.nextDouble(-1, 1);
            }
            b[c] = r.nextDouble(-0.5, 0.5);
        }
        return new PrototypeHead(TEMPLATE, scale, new HeadWeights(w, b));
    }

    private static double[][] unitFeatures(SplittableRandom r, int rows, int dim) {
        float[][] x = new float[rows][dim];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < dim; j++) {
                x[i][j] = (float) r.nextDouble(-1, 1);
            }
        }
        return PrototypeHead.features(x);
    }

    private static double loss(PrototypeHead head, double[][] x, int[] labels) {
        return CrossEntropy.mean(head.logits(x), labels);
    }

    @Test
    void theExactGradientMatchesCentralFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(3);
        int classes = 3;
        int dim = 5;
        PrototypeHead head = randomHead(r, classes, dim, 7);
        double[][] x = unitFeatures(r, 6, dim);
        int[] labels = {0, 1, 2, 2, 1, 0};
        HeadWeights g = head.gradient(x, labels);
        HeadWeights w = head.weights();
        double h = 1e-6;
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < dim; j++) {
                double[][] plus = w.prototypes();
                double[][] minus = w.prototypes();
                plus[c][j] += h;
                minus[c][j] -= h;
                head.set(new HeadWeights(plus, w.bias()));
                double lp = loss(head, x, labels);
                head.set(new HeadWeights(minus, w.bias()));
                double lm = loss(head, x, labels);
                assertEquals((lp - lm) / (2 * h), g.prototype(c, j), 1e-7, "w[" + c + "][" + j + "]");
            }
            double[] plus = w.bias();
            double[] minus = w.bias();
            plus[c] += h;
            minus[c] -= h;
            head.set(new HeadWeights(w.prototypes(), plus));
            double lp = loss(head, x, labels);
            head.set(new HeadWeights(w.prototypes(), minus));
            double lm = loss(head, x, labels);
            assertEquals((lp - lm) / (2 * h), g.bias(c), 1e-7, "b[" + c + "]");
        }
        double[] sum = new double[1];
        for (int c = 0; c < classes; c++) {
            sum[0] += g.bias(c);
        }
        assertEquals(0, sum[0], 1e-12, "softmax gradients of the biases sum to zero");
    }

    @Test
    void aGradientStepLowersTheLoss() {
        SplittableRandom r = new SplittableRandom(11);
        PrototypeHead head = randomHead(r, 4, 8, 20);
        double[][] x = unitFeatures(r, 10, 8);
        int[] labels = {0, 1, 2, 3, 0, 1, 2, 3, 0, 1};
        double before = loss(head, x, labels);
        HeadWeights g = head.gradient(x, labels);
        double[][] w = head.weights().prototypes();
        double[] b = head.weights().bias();
        for (int c = 0; c < 4; c++) {
            for (int j = 0; j < 8; j++) {
                w[c][j] -= 1e-3 * g.prototype(c, j);
            }
            b[c] -= 1e-3 * g.bias(c);
        }
        head.set(new HeadWeights(w, b));
        assertEquals(true, loss(head, x, labels) < before);
    }

    @Test
    void rejectsWeightsOfAnotherShapeAndANonPositiveScale() {
        PrototypeHead head = new PrototypeHead(TEMPLATE, 1, HeadWeights.zeros(2, 3));
        assertThrows(IllegalArgumentException.class, () -> head.set(HeadWeights.zeros(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> head.set(HeadWeights.zeros(2, 4)));
        assertThrows(IllegalArgumentException.class, () -> new PrototypeHead(TEMPLATE, 0, HeadWeights.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> head.gradient(new double[1][3], new int[2]));
    }
}
