package dev.zotuner.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Splits examples into batches of similar length so that padding to the longest in a batch wastes
 * little compute. Order is deterministic: by length, then by index.
 */
public final class LengthSortedBatches {

    private LengthSortedBatches() {
    }

    /**
     * Batches of example indices.
     *
     * @param lengths   a length per example (tokens or characters; only the order matters)
     * @param batchSize maximum examples per batch
     */
    public static List<int[]> of(int[] lengths, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        }
        int[] order = IntStream.range(0, lengths.length).boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> lengths[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            int[] b = new int[to - from];
            System.arraycopy(order, from, b, 0, b.length);
            batches.add(b);
        }
        return batches;
    }
}
