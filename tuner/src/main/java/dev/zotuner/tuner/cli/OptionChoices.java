package dev.zotuner.tuner.cli;

import dev.zotuner.tuner.optim.LearningRate;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.train.FewShotObjective;
import dev.zotuner.tuner.train.LoopSettings;
import dev.zotuner.tuner.train.OptimizerSettings;
import dev.zotuner.tuner.train.Vocabulary;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converters for the closed choices of {@code zo finetune}: a spelling becomes its typed value when the command
 * line is parsed (a one-line picocli error naming the option, before anything is read or written), and the spellings
 * are offered for completion. The vocabularies are the ones {@code config.json} is read with ({@link Vocabulary}).
 */
final class OptionChoices {

    private OptionChoices() {
    }

    /** A converter that accepts exactly the spellings of {@code vocabulary}; also their completion candidates. */
    abstract static class Choice<E extends Enum<E>> implements ITypeConverter<E>, Iterable<String> {

        private final Vocabulary<E> vocabulary;

        Choice(Vocabulary<E> vocabulary) {
            this.vocabulary = vocabulary;
        }

        @Override
        public E convert(String value) {
            try {
                return vocabulary.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ", vocabulary.ids()));
            }
        }

        @Override
        public Iterator<String> iterator() {
            return vocabulary.ids().iterator();
        }
    }

    /**
     * {@code --optimizer} of every command: the {@code ZoMethod} ids. Names used before there was one vocabulary (the
     * stability commands' gd, gdm, adam, and common aliases) are refused naming the id to use.
     */
    static final class Optimizer extends Choice<ZoMethod> {

        /** Former names and the id that replaces each. */
        private static final Map<String, ZoMethod> FORMER = Map.of(
                "gd", ZoMethod.ZO_SGD, "sgd", ZoMethod.ZO_SGD, "zo-gd", ZoMethod.ZO_SGD, "mezo", ZoMethod.ZO_SGD,
                "gdm", ZoMethod.ZO_SGD_MOMENTUM, "momentum", ZoMethod.ZO_SGD_MOMENTUM,
                "sgd-momentum", ZoMethod.ZO_SGD_MOMENTUM, "zo-sgd-momentum", ZoMethod.ZO_SGD_MOMENTUM,
                "zo-gdm", ZoMethod.ZO_SGD_MOMENTUM, "adam", ZoMethod.ZO_ADAM);

        Optimizer() {
            super(OptimizerSettings.METHODS);
        }

        @Override
        public ZoMethod convert(String value) {
            ZoMethod replacement = FORMER.get(value.strip().toLowerCase(Locale.ROOT));
            if (replacement != null) {
                throw new TypeConversionException("'" + value + "' is not an optimizer id; use " + replacement.id());
            }
            return super.convert(value);
        }
    }

    /** {@code --schedule}: constant, linear. */
    static final class Schedule extends Choice<LearningRate.Decay> {
        Schedule() {
            super(OptimizerSettings.SCHEDULES);
        }
    }

    /** {@code --block-order}: cyclic, random. */
    static final class BlockOrder extends Choice<dev.zotuner.tuner.optim.BlockOrder> {
        BlockOrder() {
            super(OptimizerSettings.BLOCK_ORDERS);
        }
    }

    /** {@code --restoration}: in-place, snapshot. */
    static final class Restoration extends Choice<dev.zotuner.tuner.optim.Restoration> {
        Restoration() {
            super(OptimizerSettings.RESTORATIONS);
        }
    }

    /** {@code --noise}: gaussian, rademacher. */
    static final class Noise extends Choice<NoiseKind> {
        Noise() {
            super(OptimizerSettings.NOISES);
        }
    }

    /** {@code --objective}: cross-entropy, accuracy. */
    static final class Objective extends Choice<FewShotObjective.Kind> {
        Objective() {
            super(LoopSettings.OBJECTIVES);
        }
    }

    /** {@code --perturbation}: dense, sparse, lowrank (kept as spelt: {@code PerturbationConfig} parses it with its parameters). */
    static final class Perturbation implements ITypeConverter<String>, Iterable<String> {

        private static final List<String> VALUES = List.of("dense", "sparse", "lowrank");

        @Override
        public String convert(String value) {
            if (!VALUES.contains(value)) {
                throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ", VALUES));
            }
            return value;
        }

        @Override
        public Iterator<String> iterator() {
            return VALUES.iterator();
        }
    }
}
