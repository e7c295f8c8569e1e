package dev.zotuner.models.onnx;

import dev.zotuner.models.ModelException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code --train-layers top:K}: only the K highest-numbered transformer layers ({@code layer.N} blocks, see
 * {@link BlockNames}) and the {@code rest} block above them (head, final norms, pooler) are trained; the
 * embeddings and the lower layers stay frozen.
 */
public final class TopLayers {

    private static final String LAYER = "layer.";

    private TopLayers() {
    }

    /**
     * The blocks top-K trains, as a test on block names.
     *
     * @param blocks    the blocks of the model's weights (repeats allowed)
     * @param k         K, or 0 for every block
     * @param modelFile for messages
     */
    public static Predicate<String> blocks(Collection<String> blocks, int k, Path modelFile) {
        if (k == 0) {
            return b -> true;
        }
        TreeSet<Integer> layers = new TreeSet<>();
        for (String b : blocks) {
            if (b.startsWith(LAYER)) {
                layers.add(Integer.parseInt(b.substring(LAYER.length())));
            }
        }
        if (k > layers.size()) {
            throw new ModelException("--train-layers top:" + k + ": " + modelFile + " has " + layers.size()
                    + " transformer layers" + (layers.isEmpty() ? " (no layer.N weights)" : ""));
        }
        Set<String> kept = new HashSet<>(Set.of(BlockNames.REST));
        layers.descendingSet().stream().limit(k).forEach(n -> kept.add(LAYER + n));
        return kept::contains;
    }

    /** How top-K restricts a selection, for messages: {@code " in the top 2 layers or rest"}, or empty for K = 0. */
    public static String restriction(int k) {
        return k == 0 ? "" : " in the top " + k + (k == 1 ? " layer" : " layers") + " or rest";
    }
}
