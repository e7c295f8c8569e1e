package dev.zotuner.tuner.train;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A closed choice as users spell it on the command line and as {@code config.json} records it: {@code --noise
 * gaussian} is {@code NoiseKind.GAUSSIAN}. One vocabulary per option, used by the picocli converters at the edge and
 * by the config file, so the two cannot drift apart.
 *
 * @param option the command-line option it spells (named in errors)
 * @param values the choices, in the order they are listed
 * @param id     a choice's spelling
 * @param <E>    the typed choice
 */
public record Vocabulary<E extends Enum<E>>(String option, List<E> values, Function<E, String> id) {

    public Vocabulary {
        values = List.copyOf(values);
    }

    /** The constants of {@code type}, spelt in lower case with '-' for '_' ({@code IN_PLACE} → {@code in-place}). */
    public static <E extends Enum<E>> Vocabulary<E> lowerCase(String option, Class<E> type) {
        return new Vocabulary<>(option, List.of(type.getEnumConstants()),
                e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The choice spelt {@code spelling}; otherwise a one-line error naming the option and the choices. */
    public E parse(String spelling) {
        for (E e : values) {
            if (id.apply(e).equals(spelling)) {
                return e;
            }
        }
        throw new IllegalArgumentException(option + " must be one of " + String.join(", ", ids()) + ", got '"
                + spelling + "'");
    }

    /** How {@code choice} is spelt. */
    public String spell(E choice) {
        return id.apply(choice);
    }

    /** Every spelling, in order. */
    public List<String> ids() {
        return values.stream().map(id).toList();
    }
}
