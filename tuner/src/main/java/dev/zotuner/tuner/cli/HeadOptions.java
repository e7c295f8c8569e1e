package dev.zotuner.tuner.cli;

import dev.zotuner.tuner.train.HeadConfig;
import picocli.CommandLine.Option;

/**
 * The head of {@code finetune}: the similarity head (label prompts re-embedded by the model), or a prototype head
 * trained with its exact gradient beside the zeroth-order update ({@link HeadConfig}); mix in with
 * {@code @Mixin HeadOptions head;}. The defaults are the settings chosen on TREC's seed-42 dev split
 * ({@code results/time-to-accuracy/pilot.md}); SST-2's dev split chose {@code --head-decay 10}.
 */
public final class HeadOptions {

    /** The default head: no trained parameters. */
    static final String SIMILARITY = "similarity";

    @Option(names = "--head", defaultValue = SIMILARITY, paramLabel = "similarity|prototype",
            description = "Encoder head: 'similarity' (S·cos with the label prompts, re-embedded every pass) or "
                    + "'prototype' (S·cos(e(x), w_c) + b_c, started at the label prompts' embeddings and trained with "
                    + "its exact gradient from the same forward passes; forward-only). Default: ${DEFAULT-VALUE}.")
    String head;

    @Option(names = "--head-lr", defaultValue = "1e-3", paramLabel = "LR",
            description = "Adam step size of the prototype head. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--head-decay", defaultValue = "0.1", paramLabel = "LAMBDA",
            description = "L2 pull of the prototype head toward its zero-shot start. Default: ${DEFAULT-VALUE}.")
    double decay;

    @Option(names = "--head-warmup", defaultValue = "100", paramLabel = "N",
            description = "Full-batch exact steps of the prototype head on the base model's training embeddings before "
                    + "the first ZO step. Default: ${DEFAULT-VALUE}.")
    int warmup;

    /** The head's settings; null for the similarity head. */
    HeadConfig config() {
        String h = head.strip();
        if (h.equals(SIMILARITY)) {
            return null;
        }
        return new HeadConfig(h, lr, decay, warmup);      // refuses any other spelling
    }
}
