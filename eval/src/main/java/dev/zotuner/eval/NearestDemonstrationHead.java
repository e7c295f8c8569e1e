package dev.zotuner.eval;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.prompts.Template;
import dev.zotuner.tasks.Example;
import java.util.List;

/**
 * In-context learning for sentence encoders, which cannot read a concatenated prompt: the k
 * demonstrations per class are embedded, and the logit of class c is {@code scale ·} the largest cosine
 * similarity between the query and a demonstration of class c, so the prediction is the label of the
 * nearest demonstration (1-nearest-neighbour in embedding space).
 */
public final class NearestDemonstrationHead implements ClassHead {

    private final Template template;
    private final List<Example> demonstrations;
    private final int classes;
    private final double scale;

    public NearestDemonstrationHead(Template template, List<Example> demonstrations, int classes, double scale) {
        if (demonstrations.isEmpty()) {
            throw new IllegalArgumentException("in-context learning needs at least one demonstration");
        }
        this.template = template;
        this.demonstrations = List.copyOf(demonstrations);
        this.classes = classes;
        this.scale = scale;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public String render(String sentence) {
        return template.forEncoder(sentence);
    }

    @Override
    public BatchScorer prepare(LanguageModel model) {
        double[][] demo = SimilarityHead.unitRows(model.forward(
                demonstrations.stream().map(e -> render(e.text())).toList()));
        return batch -> {
            double[][] q = SimilarityHead.unitRows(model.forward(batch));
            double[][] out = new double[q.length][classes];
            for (double[] row : out) {
                java.util.Arrays.fill(row, -scale);
            }
            for (int i = 0; i < q.length; i++) {
                for (int d = 0; d < demo.length; d++) {
                    int c = demonstrations.get(d).label();
                    out[i][c] = Math.max(out[i][c], scale * SimilarityHead.dot(q[i], demo[d]));
                }
            }
            return out;
        };
    }
}
