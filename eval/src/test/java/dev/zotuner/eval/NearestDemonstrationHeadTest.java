package dev.zotuner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.tasks.Example;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NearestDemonstrationHeadTest {

    @TempDir
    Path tmp;

    @Test
    void aDemonstrationIsClassifiedAsItsOwnLabel() {
        try (LanguageModel lm = TinyFixtures.load(TinyModels.encoder(tmp.resolve("e")), tmp.resolve("c"))) {
            List<Example> demos = List.of(new Example(0, "hated the worst plot", 0),
                    new Example(1, "loved the best acting ever", 1));
            NearestDemonstrationHead head = new NearestDemonstrationHead(TinyFixtures.MASKED.template(), demos, 2, 10);
            double[][] logits = head.prepare(lm).score(lm.tokenizer().encodeBatch(
                    List.of(head.render(demos.get(0).text()), head.render(demos.get(1).text()))));
            assertEquals(0, CrossEntropy.argmax(logits[0]));
            assertEquals(1, CrossEntropy.argmax(logits[1]));
            assertEquals(10.0, logits[1][1], 1e-4); // cosine of a vector with itself
        }
    }
}
