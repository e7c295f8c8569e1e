package dev.zotuner.models;

import java.util.List;

/**
 * A group of parameters that block-coordinate methods (MeZO-BCD) perturb and update together:
 * the embeddings, one transformer layer, or the rest.
 *
 * @param name    block name, e.g. {@code embeddings}, {@code layer.3}, {@code rest}
 * @param members parameters in store order
 */
public record ParameterBlock(String name, List<Parameter> members) {

    public ParameterBlock {
        members = List.copyOf(members);
    }

    /** Total number of elements in this block. */
    public long size() {
        long n = 0;
        for (Parameter p : members) {
            n += p.size();
        }
        return n;
    }
}
