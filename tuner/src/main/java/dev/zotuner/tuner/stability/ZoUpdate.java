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
     * Parses a name as written by the CLI or a run's config: the update rules ({@code gd}, {@code gdm}, {@code adam}) or
     * the optimizer ids of {@code zo finetune} that follow them ({@code zo-sgd}, {@code mezo-bcd}, {@code n-spsa};
     * {@code zo-sgd-mmt}; {@code zo-adam}), and the older aliases {@code sgd}, {@code mezo}, {@code momentum},
     * {@code sgd-momentum}, {@code zo-sgd-momentum}.
     */
    public static ZoUpdate parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "gd": case "sgd": case "zo-sgd": case "zo-gd": case "mezo": case "mezo-bcd": case "n-spsa":
                return GD;
            case "gdm": case "momentum": case "sgd-momentum": case "zo-sgd-mmt": case "zo-sgd-momentum": case "zo-gdm":
                return GDM;
            case "adam": case "zo-adam":
                return ADAM;
            default:
                throw new IllegalArgumentException(
                        "unknown optimizer '" + name + "' (expected gd, gdm or adam, or zo-sgd, mezo-bcd, n-spsa, zo-sgd-mmt, zo-adam)");
        }
    }
}
