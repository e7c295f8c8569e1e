package dev.zotuner.tuner.curvature;

import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import java.util.Arrays;
import java.util.List;

/**
 * The tensors a curvature estimate perturbs (the whole store, or one block for block-wise curvature),
 * laid end to end as one compact vector of {@link #size()} coordinates in the order given. H means the
 * Hessian restricted to these coordinates; the other tensors stay fixed.
 */
public final class Coordinates {

    private final List<Parameter> tensors;
    private final int[] startByStoreIndex;
    private final int size;
    private final long storeSize;

    private Coordinates(List<Parameter> tensors, int[] startByStoreIndex, int size, long storeSize) {
        this.tensors = tensors;
        this.startByStoreIndex = startByStoreIndex;
        this.size = size;
        this.storeSize = storeSize;
    }

    /** Every tensor of the store. */
    public static Coordinates all(ParameterStore store) {
        return of(store, store.parameters());
    }

    /** The given tensors of {@code store}, each at most once; an empty list means every tensor. */
    public static Coordinates of(ParameterStore store, List<Parameter> tensors) {
        List<Parameter> chosen = tensors.isEmpty() ? store.parameters() : List.copyOf(tensors);
        int[] starts = new int[store.parameters().size()];
        Arrays.fill(starts, -1);
        long size = 0;
        for (Parameter p : chosen) {
            int idx = p.index();
            if (idx < 0 || idx >= starts.length || store.parameters().get(idx) != p) {
                throw new IllegalArgumentException("tensor " + p.name() + " is not a trainable tensor of this store");
            }
            if (starts[idx] >= 0) {
                throw new IllegalArgumentException("tensor " + p.name() + " is selected twice");
            }
            starts[idx] = (int) size;
            size += p.size();
        }
        return new Coordinates(chosen, starts, (int) size, store.size());
    }

    /** The selected tensors in compact order. */
    public List<Parameter> tensors() {
        return tensors;
    }

    /** Number of selected coordinates n. */
    public int size() {
        return size;
    }

    /** Number of elements of the whole store (the length of a flat-layout vector). */
    public long storeSize() {
        return storeSize;
    }

    /** Compact index of element 0 of {@code p} (which must be selected). */
    public int start(Parameter p) {
        int s = startByStoreIndex[p.index()];
        if (s < 0) {
            throw new IllegalArgumentException("tensor " + p.name() + " is not among the selected tensors");
        }
        return s;
    }
}
