package dev.zotuner.eval;

import java.util.Arrays;

/**
 * The parameters of a {@link PrototypeHead} (or a gradient or optimizer moment of the same shape): one prototype
 * vector per class and one bias per class. A value: both arrays are copied in and out.
 *
 * @param prototypes {@code [classes][dim]} class vectors w_c
 * @param bias       {@code [classes]} class biases b_c
 */
public record HeadWeights(double[][] prototypes, double[] bias) {

    public HeadWeights {
        if (prototypes.length == 0 || prototypes.length != bias.length) {
            throw new IllegalArgumentException(prototypes.length + " prototypes for " + bias.length + " biases");
        }
        int dim = prototypes[0].length;
        double[][] copy = new double[prototypes.length][];
        for (int c = 0; c < prototypes.length; c++) {
            if (prototypes[c].length != dim) {
                throw new IllegalArgumentException("prototype " + c + " has " + prototypes[c].length + " values, not " + dim);
            }
            copy[c] = prototypes[c].clone();
        }
        prototypes = copy;
        bias = bias.clone();
    }

    /** Zeros of {@code classes × dim} (a gradient accumulator, Adam's moments at start). */
    public static HeadWeights zeros(int classes, int dim) {
        return new HeadWeights(new double[classes][dim], new double[classes]);
    }

    /** A copy of the prototypes. */
    @Override
    public double[][] prototypes() {
        double[][] out = new double[prototypes.length][];
        for (int c = 0; c < out.length; c++) {
            out[c] = prototypes[c].clone();
        }
        return out;
    }

    /** A copy of the biases. */
    @Override
    public double[] bias() {
        return bias.clone();
    }

    public int classes() {
        return bias.length;
    }

    public int dim() {
        return prototypes[0].length;
    }

    /** Value {@code j} of prototype {@code c}, without a copy. */
    public double prototype(int c, int j) {
        return prototypes[c][j];
    }

    /** Bias {@code c}. */
    public double bias(int c) {
        return bias[c];
    }

    /** Whether {@code other} has this shape. */
    public boolean sameShape(HeadWeights other) {
        return other.classes() == classes() && other.dim() == dim();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeadWeights h && Arrays.deepEquals(prototypes, h.prototypes) && Arrays.equals(bias, h.bias);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(prototypes) + Arrays.hashCode(bias);
    }

    @Override
    public String toString() {
        return "HeadWeights[" + classes() + " × " + dim() + "]";
    }
}
