package dev.zotuner.tuner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.eval.CrossEntropy;
import dev.zotuner.eval.HeadWeights;
import dev.zotuner.eval.Heads;
import dev.zotuner.eval.PromptedClassifier;
import dev.zotuner.eval.PrototypeHead;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.testing.TinyLlama;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.prompts.PromptSet;
import dev.zotuner.prompts.Template;
import dev.zotuner.tasks.Example;
import dev.zotuner.tasks.LabelSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FewShotObjectiveTest {

    @TempDir
    Path tmp;

    private static final LabelSet LABELS = LabelSet.of(List.of("0", "1"));
    private static final PromptSet PROMPTS = new PromptSet("test", new Template("<sentence> it was [MASK] ."),
            Map.of("0", "terrible", "1", "great"));
    private static final List<Example> TRAIN = List.of(new Example(0, "loved the film", 1),
            new Example(1, "hated the plot", 0), new Example(2, "the best acting ever", 1),
            new Example(3, "very boring story", 0));

    @Test
    void lossIsTheMeanCrossEntropyOfTheChosenExamplesAndFollowsTheWeights() {
        try (LanguageModel lm = LanguageModel.load(ModelSpec.of(TinyModels.mlm(tmp.resolve("m")).toString())
                .withCacheDir(tmp.resolve("c")))) {
            PromptedClassifier clf = PromptedClassifier.of(lm, Heads.forModel(lm, PROMPTS, LABELS, 20));
            FewShotObjective ce = new FewShotObjective(clf, TRAIN, FewShotObjective.Kind.CROSS_ENTROPY);
            List<Example> chosen = List.of(TRAIN.get(3), TRAIN.get(0));
            double expected = CrossEntropy.mean(clf.logits(chosen), new int[] {0, 1});
            assertEquals(expected, ce.loss(new int[] {3, 0}), 0);
            assertEquals(ce.loss(new int[] {3, 0}), ce.loss(new int[] {3, 0}), 0, "deterministic");
            assertEquals(4, ce.size());
            assertEquals(lm.parameters(), ce.parameters());

            FewShotObjective acc = new FewShotObjective(clf, TRAIN, FewShotObjective.Kind.ACCURACY);
            assertEquals(-clf.score(TRAIN).accuracy(), acc.loss(), 0);

            double before = ce.loss();
            Parameter head = lm.parameters().parameters().get(lm.parameters().parameters().size() - 1);
            head.values().put(0, head.values().get(0) + 5f);
            for (int i = 0; i < head.size(); i++) {
                head.values().put(i, head.values().get(i) + 0.5f * (i % 3));
            }
            assertNotEquals(before, ce.loss());
        }
    }

    @Test
    void theLossIsTheSameWithTheLogitsComputedAtTheReadPositionsOnlyOrEverywhere() {
        for (Path dir : List.of(TinyModels.mlm(tmp.resolve("m")), TinyModels.causal(tmp.resolve("c")),
                TinyLlama.write(tmp.resolve("merged"), TinyLlama.Layout.MERGED, true))) {
            double[] losses = new double[2];
            double[] accuracies = new double[2];
            for (boolean slice : new boolean[] {true, false}) {
                try (LanguageModel lm = LanguageModel.load(ModelSpec.of(dir.toString()).withSliceHead(slice)
                        .withCacheDir(tmp.resolve("cache")))) {
                    PromptedClassifier clf = PromptedClassifier.of(lm, Heads.forModel(lm, PROMPTS, LABELS, 20));
                    losses[slice ? 0 : 1] = new FewShotObjective(clf, TRAIN, FewShotObjective.Kind.CROSS_ENTROPY).loss();
                    accuracies[slice ? 0 : 1] = new FewShotObjective(clf, TRAIN, FewShotObjective.Kind.ACCURACY).loss();
                }
            }
            assertEquals(losses[1], losses[0], 1e-6 * losses[1], dir + ": cross-entropy");
            assertEquals(accuracies[1], accuracies[0], 0, dir + ": accuracy");
        }
    }

    @Test
    void needsExamples() {
        assertThrows(IllegalArgumentException.class,
                () -> new FewShotObjective(null, List.of(), FewShotObjective.Kind.CROSS_ENTROPY));
    }

    @Test
    void withATrainedHeadTheLossReadsItsLogitsAndRecordsTheMeanExactGradientOfEachLoss() {
        try (LanguageModel lm = LanguageModel.load(ModelSpec.of(TinyModels.encoder(tmp.resolve("e")).toString())
                .withCacheDir(tmp.resolve("c")))) {
            PrototypeHead head = new PrototypeHead(PROMPTS.template(), 20,
                    PrototypeHead.zeroShot(lm, PROMPTS.labelPrompts(LABELS)));
            PromptedClassifier clf = PromptedClassifier.of(lm, head);
            PromptedClassifier similarity = PromptedClassifier.of(lm, Heads.forModel(lm, PROMPTS, LABELS, 20));
            FewShotObjective ce = new FewShotObjective(clf, TRAIN, FewShotObjective.Kind.CROSS_ENTROPY);
            assertEquals(head, ce.trainedHead().orElseThrow());
            assertEquals(new FewShotObjective(similarity, TRAIN, FewShotObjective.Kind.CROSS_ENTROPY).loss(new int[] {3, 0}),
                    ce.loss(new int[] {3, 0}), 0, "the zero-shot head's loss is the similarity head's");
            assertTrue(ce.headGradient().isEmpty(), "nothing recorded");

            ce.recordHeadGradients();
            ce.loss(new int[] {3, 0});
            ce.loss(new int[] {1, 2});
            HeadWeights mean = ce.headGradient().orElseThrow();
            assertTrue(ce.headGradient().isEmpty(), "recording stopped");
            double[][] a = PrototypeHead.features(clf.representations(List.of(TRAIN.get(3), TRAIN.get(0))));
            double[][] b = PrototypeHead.features(clf.representations(List.of(TRAIN.get(1), TRAIN.get(2))));
            HeadWeights ga = head.gradient(a, new int[] {0, 1});
            HeadWeights gb = head.gradient(b, new int[] {0, 1});
            for (int c = 0; c < 2; c++) {
                assertEquals((ga.bias(c) + gb.bias(c)) / 2, mean.bias(c), 1e-15);
                for (int j = 0; j < mean.dim(); j++) {
                    assertEquals((ga.prototype(c, j) + gb.prototype(c, j)) / 2, mean.prototype(c, j), 1e-15);
                }
            }
            FewShotObjective plain = new FewShotObjective(similarity, TRAIN, FewShotObjective.Kind.CROSS_ENTROPY);
            assertThrows(IllegalStateException.class, plain::recordHeadGradients);
        }
    }
}
