package dev.zotuner.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.tasks.Example;
import dev.zotuner.tasks.kshot.TaskSplit;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptedClassifierTest {

    @TempDir
    Path tmp;

    @Test
    void rowsComeBackInCallerOrderWhateverTheBatching() {
        try (LanguageModel lm = TinyFixtures.load(TinyModels.mlm(tmp.resolve("mlm")), tmp.resolve("cache"))) {
            ClassHead head = Heads.forModel(lm, TinyFixtures.MASKED, TinyFixtures.LABELS, 20);
            List<Example> test = TinyFixtures.split(4, 1).test();
            double[][] batched = new PromptedClassifier(lm, head, e -> head.render(e.text()), 3).logits(test);
            for (int i = 0; i < test.size(); i++) {
                double[] alone = new PromptedClassifier(lm, head, e -> head.render(e.text()), 1)
                        .logits(List.of(test.get(i)))[0];
                assertArrayEquals(alone, batched[i], 1e-5, "example " + i);
            }
        }
    }

    @Test
    void lossAndScoresAgreeWithCrossEntropyOfTheLogits() {
        try (LanguageModel lm = TinyFixtures.load(TinyModels.encoder(tmp.resolve("enc")), tmp.resolve("cache"))) {
            PromptedClassifier clf = PromptedClassifier.of(lm,
                    Heads.forModel(lm, TinyFixtures.MASKED, TinyFixtures.LABELS, 20));
            TaskSplit split = TinyFixtures.split(4, 2);
            int[] labels = split.train().stream().mapToInt(Example::label).toArray();
            double[][] logits = clf.logits(split.train());
            assertEquals(CrossEntropy.mean(logits, labels), clf.loss(split.train()), 0);
            assertEquals(ClassificationScores.of(logits, labels, 2), clf.score(split.train()));
        }
    }

    @Test
    void aStoppingClassifierChecksBeforeEveryBatchAndStopsBeforeTheNextForwardPass() {
        try (LanguageModel lm = TinyFixtures.load(TinyModels.mlm(tmp.resolve("mlm")), tmp.resolve("cache"))) {
            ClassHead head = Heads.forModel(lm, TinyFixtures.MASKED, TinyFixtures.LABELS, 20);
            List<Example> test = TinyFixtures.split(4, 1).test();
            PromptedClassifier plain = new PromptedClassifier(lm, head, e -> head.render(e.text()), 1);
            int[] checks = {0};
            double[][] unstopped = plain.stoppingWhen(() -> ++checks[0] < 0).logits(test);
            assertEquals(test.size(), checks[0], "one check per batch of one");
            assertArrayEquals(plain.logits(test)[0], unstopped[0], 0);
            int[] asked = {0};
            PromptedClassifier stopping = plain.stoppingWhen(() -> ++asked[0] > 2);
            assertThrows(CancellationException.class, () -> stopping.logits(test));
            assertEquals(3, asked[0], "two batches ran, the third was not started");
        }
    }
}
