package dev.tpc.workload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Named constants a scenario may write instead of numbers ({@code O_RDONLY}, {@code AT_FDCWD},
 * {@code SIGKILL}, {@code EPERM}, ...), with their x86_64 Linux values, read from
 * {@code dev/tpc/workload/constants.tsv} (lines {@code name<TAB>value<TAB>group}). Groups say where
 * a name may be used: a parameter of {@link SyscallCatalog} names the group it takes;
 * {@code errno} and {@code signal} are the groups of expectations.
 */
public final class Constants {
    private static volatile Map<String, Constant> all;

    private Constants() {
    }

    public record Constant(String name, long value, String group) {
    }

    public static Optional<Constant> byName(String name) {
        return Optional.ofNullable(all().get(name));
    }

    public static OptionalLong value(String name) {
        Constant c = all().get(name);
        return c == null ? OptionalLong.empty() : OptionalLong.of(c.value());
    }

    /** The names of one group, sorted. */
    public static Set<String> group(String group) {
        Set<String> out = new TreeSet<>();
        all().values().stream().filter(c -> c.group().equals(group)).forEach(c -> out.add(c.name()));
        return Collections.unmodifiableSet(out);
    }

    /** The name of {@code value} in {@code group} (e.g. 1 in {@code errno} is EPERM). */
    public static Optional<String> nameOf(long value, String group) {
        return all().values().stream().filter(c -> c.group().equals(group) && c.value() == value)
                .map(Constant::name).findFirst();
    }

    private static Map<String, Constant> all() {
        Map<String, Constant> a = all;
        if (a == null) {
            synchronized (Constants.class) {
                if (all == null) {
                    Map<String, Constant> m = new LinkedHashMap<>();
                    for (String line : SyscallCatalog.lines("dev/tpc/workload/constants.tsv")) {
                        String[] cols = line.split("\t");
                        m.put(cols[0], new Constant(cols[0], Long.decode(cols[1]), cols[2]));
                    }
                    all = Collections.unmodifiableMap(m);
                }
                a = all;
            }
        }
        return a;
    }
}
