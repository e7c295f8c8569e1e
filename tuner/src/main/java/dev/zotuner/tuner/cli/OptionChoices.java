package dev.zotuner.tuner.cli;

import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The closed vocabularies of {@code zo finetune}'s string options, checked when the command line is parsed (a
 * one-line picocli error naming the option, before anything is read or written) and offered for completion. The
 * values stay strings: they are what {@code config.json} records and {@code FineTuneConfig} maps to types.
 */
final class OptionChoices {

    private OptionChoices() {
    }

    /** A converter that accepts exactly {@code values}; also their completion candidates. */
    abstract static class Choice implements ITypeConverter<String>, Iterable<String> {

        private final List<String> values;

        Choice(String... values) {
            this.values = List.of(values);
        }

        @Override
        public String convert(String value) {
            if (!values.contains(value)) {
                throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ", values));
            }
            return value;
        }

        @Override
        public Iterator<String> iterator() {
            return values.iterator();
        }
    }

    /** {@code --optimizer}: the {@code ZoMethod} ids. */
    static final class Optimizer extends Choice {
        Optimizer() {
            super(java.util.Arrays.stream(dev.zotuner.tuner.optim.ZoMethod.values())
                    .map(dev.zotuner.tuner.optim.ZoMethod::id).toArray(String[]::new));
        }
    }

    /** {@code --schedule}. */
    static final class Schedule extends Choice {
        Schedule() {
            super("constant", "linear");
        }
    }

    /** {@code --block-order}. */
    static final class BlockOrder extends Choice {
        BlockOrder() {
            super("cyclic", "random");
        }
    }

    /** {@code --restoration}: the {@code optim.Restoration} constants, lower case with '-' (in-place, snapshot). */
    static final class Restoration extends Choice {
        Restoration() {
            super(names(dev.zotuner.tuner.optim.Restoration.values()));
        }
    }

    /** {@code --noise}: the {@code perturb.NoiseKind} constants, lower case (gaussian, rademacher). */
    static final class Noise extends Choice {
        Noise() {
            super(names(dev.zotuner.tuner.perturb.NoiseKind.values()));
        }
    }

    private static String[] names(Enum<?>[] constants) {
        return java.util.Arrays.stream(constants)
                .map(c -> c.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toArray(String[]::new);
    }

    /** {@code --perturbation}. */
    static final class Perturbation extends Choice {
        Perturbation() {
            super("dense", "sparse", "lowrank");
        }
    }
}
