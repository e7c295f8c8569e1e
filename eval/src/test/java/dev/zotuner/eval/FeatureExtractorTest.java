package dev.zotuner.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.tasks.Example;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureExtractorTest {

    @TempDir
    Path tmp;

    @Test
    void featuresAreThePromptedRepresentationsInOrder() {
        try (LanguageModel lm = TinyFixtures.load(TinyModels.encoder(tmp.resolve("e")), tmp.resolve("c"))) {
            ClassHead head = Heads.forModel(lm, TinyFixtures.MASKED, TinyFixtures.LABELS, 20);
            List<Example> ex = TinyFixtures.split(3, 5).train();
            float[][] f = FeatureExtractor.features(lm, head, ex, 4);
            for (int i = 0; i < ex.size(); i++) {
                assertArrayEquals(lm.forward(List.of(head.render(ex.get(i).text()))).row(0), f[i], 1e-5f);
            }
        }
    }
}
