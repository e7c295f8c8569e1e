package dev.zotuner.tuner.stability;

import java.util.Locale;

/**
 * The zeroth-order update rules whose stability is analysed (names as in MeZO, Malladi et al. 2023,
 * and the ZO-Bench of Zhang et al. 2024).
 */
public enum ZoUpdate {
    /** ZO-SGD: θ ← θ − η ĝ. */
    GD("gd"),
    /** ZO-SGD with heavy-ball momentum β: m ← β m + ĝ, θ ← θ − η m (PyTorch SGD, dampening 0). */
    GDM("gdm"),
    /** ZO-Adam with a frozen preconditioner P: m ← β1 m + (1 − β1) ĝ, θ ← θ − η P⁻¹ m. */
    ADAM("adam");

    private final String cliName;

    ZoUpdate(String cliName) {
        this.cliName = cliName;
    }

    /** The lower-case name used on the command line and in JSON. */
    public String cliName() {
        return cliName;
    }

    /**
     * Parses a name as written by the CLI or a run's metrics: {@code gd|sgd|zo-sgd|mezo},
     * {@code gdm|momentum|sgd-momentum|zo-sgd-momentum}, {@code adam|zo-adam}.
     */
    public static ZoUpdate parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "gd": case "sgd": case "zo-sgd": case "zo-gd": case "mezo":
                return GD;
            case "gdm": case "momentum": case "sgd-momentum": case "zo-sgd-momentum": case "zo-gdm":
                return GDM;
            case "adam": case "zo-adam":
                return ADAM;
            default:
                throw new IllegalArgumentException(
                        "unknown optimizer '" + name + "' (expected gd, gdm or adam)");
        }
    }
}
