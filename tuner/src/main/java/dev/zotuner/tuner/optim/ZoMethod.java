package dev.zotuner.tuner.optim;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.curvature.Preconditioner;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.stability.ZoDynamics;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The zeroth-order methods, by the name used on the command line and in run directories. */
public enum ZoMethod {
    ZO_SGD("zo-sgd"),
    ZO_SGD_MOMENTUM("zo-sgd-mmt"),
    ZO_ADAM("zo-adam"),
    ZO_SGD_SIGN("zo-sgd-sign"),
    ZO_SGD_CONS("zo-sgd-cons"),
    N_SPSA("n-spsa"),
    MEZO_BCD("mezo-bcd");

    private final String id;

    ZoMethod(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The method with this id. */
    public static ZoMethod parse(String id) {
        for (ZoMethod m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + id + "' (expected one of "
                + Arrays.stream(values()).map(ZoMethod::id).collect(Collectors.joining(", ")) + ")");
    }

    /**
     * The linearised dynamics the ZO stability bound refers to for this method (docs/stability-theory.md): heavy-ball
     * with β = {@code settings.momentum()} for zo-sgd-mmt, Adam with a frozen preconditioner and β₁ for zo-adam, the
     * average of {@code settings.directions()} directions for n-spsa, ZO-GD otherwise (MeZO-BCD per block; the sign
     * and conservative steps are not linear in g, so for them this is an approximation).
     */
    public ZoDynamics dynamics(ZoSettings settings) {
        return switch (this) {
            case ZO_SGD_MOMENTUM -> ZoDynamics.gdm(settings.momentum(), 1);
            case ZO_ADAM -> ZoDynamics.adam(settings.beta1(), 1);
            case N_SPSA -> ZoDynamics.gd(settings.directions());
            default -> ZoDynamics.gd(1);
        };
    }

    /**
     * The preconditioner P whose Tr P⁻¹H the stability bound of this method refers to, read from {@code optimizer}'s
     * state now: Adam's bias-corrected √v̂ + ε for zo-adam (a view of its second moment, valid until its next step);
     * null (P = I) for every other method.
     */
    public Preconditioner preconditioner(ZoOptimizer optimizer, ZoSettings settings) {
        if (this != ZO_ADAM) {
            return null;
        }
        float[] v = optimizer.state().buffers().get("v");
        return Preconditioner.adam(FloatBuffer.wrap(v), settings.beta2(), optimizer.steps(), settings.adamEpsilon());
    }

    /**
     * Bytes of state an optimizer of this method keeps beside θ for {@code weights} trainable values, without
     * allocating it ({@link ZoOptimizer#memoryBytes()} of a fresh one): a float per weight for zo-sgd-mmt's momentum,
     * two for zo-adam's moments, one more for a snapshot restoration's copy of θ (always
     * kept by zo-sgd-cons).
     */
    public long stateBytes(long weights, ZoSettings settings) {
        int arrays = switch (this) {
            case ZO_SGD_MOMENTUM -> 1;
            case ZO_ADAM -> 2;
            default -> 0;
        };
        if (this == ZO_SGD_CONS || settings.restoration() == Restoration.SNAPSHOT) {   // zo-sgd-cons always restores from one
            arrays++;
        }
        return 4L * arrays * weights;
    }

    /** A fresh optimizer of this method for {@code store}; the caller keeps owning store and engine. */
    public ZoOptimizer create(ParameterStore store, PerturbationEngine engine, ZoSettings settings) {
        return switch (this) {
            case ZO_SGD -> new ZoSgd(store, engine, settings);
            case ZO_SGD_MOMENTUM -> new ZoSgdMomentum(store, engine, settings);
            case ZO_ADAM -> new ZoAdam(store, engine, settings);
            case ZO_SGD_SIGN -> new ZoSgdSign(store, engine, settings);
            case ZO_SGD_CONS -> new ZoSgdCons(store, engine, settings);
            case N_SPSA -> new NSpsa(store, engine, settings);
            case MEZO_BCD -> new MezoBcd(store, engine, settings);
        };
    }
}
