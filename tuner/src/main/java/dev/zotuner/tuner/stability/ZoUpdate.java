package dev.zotuner.tuner.stability;

/**
 * The three linearised update rules the stability theory analyses ({@code docs/stability-theory.md}): what
 * {@link ZoDynamics} switches on. Not an optimizer vocabulary — optimizers are named by their
 * {@code optim.ZoMethod} ids, and {@code ZoMethod.dynamics} maps each to one of these.
 */
public enum ZoUpdate {
    /** ZO-SGD: θ ← θ − η ĝ. */
    GD("gd"),
    /** ZO-SGD with heavy-ball momentum β: m ← β m + ĝ, θ ← θ − η m (PyTorch SGD, dampening 0). */
    GDM("gdm"),
    /** ZO-Adam with a frozen preconditioner P: m ← β1 m + (1 − β1) ĝ, θ ← θ − η P⁻¹ m. */
    ADAM("adam");

    private final String label;

    ZoUpdate(String label) {
        this.label = label;
    }

    /**
     * The rule's value of the {@code optimizer} field of machine output (a metrics.jsonl curvature line, the JSON of
     * {@code zo trace} and {@code zo stability}): {@code gd}, {@code gdm} or {@code adam}.
     */
    public String label() {
        return label;
    }
}
