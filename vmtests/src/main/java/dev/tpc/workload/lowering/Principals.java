package dev.tpc.workload.lowering;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Users and groups by name, read from the passwd and group files of the machine the step runs on
 * (inside a guest, the host's, mounted read-only). No NSS, no LDAP: what a static helper and a
 * scenario can count on.
 */
final class Principals {
    private final Path passwd;
    private final Path group;

    Principals(Path passwd, Path group) {
        this.passwd = passwd;
        this.group = group;
    }

    static Principals system() {
        return new Principals(Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    /** {@code name:x:uid:gid:...}: the user's uid, by name. */
    OptionalInt uid(String name) {
        return field(passwd, 0, name, 2);
    }

    /** The primary group of the user with this uid. */
    OptionalInt primaryGid(int uid) {
        return field(passwd, 2, Integer.toString(uid), 3);
    }

    OptionalInt gid(String name) {
        return field(group, 0, name, 2);
    }

    Path passwdFile() {
        return passwd;
    }

    Path groupFile() {
        return group;
    }

    /** Column {@code want} of the first line whose column {@code key} is {@code value}. */
    private static OptionalInt field(Path file, int key, String value, int want) {
        for (String line : lines(file)) {
            String[] cols = line.split(":", -1);
            if (cols.length > Math.max(key, want) && cols[key].equals(value)) {
                try {
                    return OptionalInt.of(Integer.parseUnsignedInt(cols[want]));
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
            }
        }
        return OptionalInt.empty();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    static Optional<Integer> boxed(OptionalInt i) {
        return i.isPresent() ? Optional.of(i.getAsInt()) : Optional.empty();
    }
}
