package dev.zotuner.eval;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.Representations;
import dev.zotuner.models.tokenizer.Encoding;
import dev.zotuner.models.tokenizer.TokenBatch;
import dev.zotuner.tasks.Example;
import java.util.ArrayList;
import java.util.List;

/**
 * Frozen features for linear probing: the representation the model gives for each prompted example
 * (pooled embedding for an encoder; the full logits row at the mask / next token for an LM).
 */
public final class FeatureExtractor {

    private FeatureExtractor() {
    }

    /** One feature row per example, in the caller's order; {@code head} supplies the prompt rendering. */
    public static float[][] features(LanguageModel model, ClassHead head, List<Example> examples, int batchSize) {
        int[] lengths = new int[examples.size()];
        List<Encoding> enc = new ArrayList<>(examples.size());
        for (int i = 0; i < lengths.length; i++) {
            enc.add(model.tokenizer().encode(head.render(examples.get(i).text())));
            lengths[i] = enc.get(i).length();
        }
        float[][] out = new float[examples.size()][];
        for (int[] batch : LengthSortedBatches.of(lengths, batchSize)) {
            List<Encoding> rows = new ArrayList<>();
            for (int i : batch) {
                rows.add(enc.get(i));
            }
            Representations r = model.forward(TokenBatch.pad(rows, model.tokenizer().padId()));
            for (int j = 0; j < batch.length; j++) {
                out[batch[j]] = r.row(j);
            }
        }
        return out;
    }
}
