package dev.tpc.lower;

import java.util.Locale;
import java.util.Optional;

/**
 * An enum of Tetragon's with a numeric ID the kernel side uses and a canonical spelling; the
 * lookups every such enum needs are written once here.
 */
interface TetragonEnum {
    int id();

    String canonicalName();

    /** The constant whose canonical name equals {@code s}, ignoring case (Tetragon lower-cases first). */
    static <E extends Enum<E> & TetragonEnum> Optional<E> byName(Class<E> type, String s) {
        String k = s.toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.canonicalName().toLowerCase(Locale.ROOT).equals(k)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static <E extends Enum<E> & TetragonEnum> Optional<E> byId(Class<E> type, int id) {
        for (E e : type.getEnumConstants()) {
            if (e.id() == id) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
