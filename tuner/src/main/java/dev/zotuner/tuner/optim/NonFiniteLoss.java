package dev.zotuner.tuner.optim;

/**
 * A probe's loss was not finite (NaN or ±∞), so the step's g is not either: the optimizer restored θ and applied
 * no update. Training loops report it as divergence; any other failure of a step is an error, not divergence.
 * (An {@link IllegalStateException}, as it was before it had its own type, so older callers still catch it.)
 */
public final class NonFiniteLoss extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The step's message: method, step and both losses. */
    public NonFiniteLoss(String method, long step, ProjectedGradient pg) {
        super(method + ": step " + step + ": non-finite loss (L(θ+εz) = " + pg.lossPlus() + ", L(θ−εz) = "
                + pg.lossMinus() + "); θ restored, no update applied");
    }
}
