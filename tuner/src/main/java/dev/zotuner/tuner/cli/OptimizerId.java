package dev.zotuner.tuner.cli;

import dev.zotuner.tuner.optim.ZoMethod;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --optimizer} of {@code zo stability} and {@code zo trace}: a {@link ZoMethod} id (as {@code zo finetune} takes),
 * checked when the command line is parsed, and the ids as completion candidates. The update-rule names these commands
 * took before (gd, gdm, adam, and the aliases they accepted) are refused with the id to use instead.
 */
final class OptimizerId implements ITypeConverter<ZoMethod>, Iterable<String> {

    /** Former names and the id that replaces each. */
    private static final Map<String, ZoMethod> FORMER = Map.of(
            "gd", ZoMethod.ZO_SGD, "sgd", ZoMethod.ZO_SGD, "zo-gd", ZoMethod.ZO_SGD, "mezo", ZoMethod.ZO_SGD,
            "gdm", ZoMethod.ZO_SGD_MOMENTUM, "momentum", ZoMethod.ZO_SGD_MOMENTUM,
            "sgd-momentum", ZoMethod.ZO_SGD_MOMENTUM, "zo-sgd-momentum", ZoMethod.ZO_SGD_MOMENTUM,
            "zo-gdm", ZoMethod.ZO_SGD_MOMENTUM, "adam", ZoMethod.ZO_ADAM);

    @Override
    public ZoMethod convert(String value) {
        for (ZoMethod m : ZoMethod.values()) {
            if (m.id().equals(value)) {
                return m;
            }
        }
        ZoMethod replacement = FORMER.get(value.strip().toLowerCase(Locale.ROOT));
        if (replacement != null) {
            throw new TypeConversionException("'" + value + "' is not an optimizer id; use " + replacement.id());
        }
        throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ", this));
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(ZoMethod.values()).map(ZoMethod::id).iterator();
    }
}
