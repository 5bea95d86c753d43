package dev.tpc.runtime.events;

/** A decoded hook argument, shaped like one element of Tetragon's {@code args} list. */
public sealed interface ArgValue {

    /** The policy's label for this argument; empty when none. */
    String label();

    /** {@code int_arg}, {@code uint_arg}, {@code size_arg}, {@code long_arg}: a number (unsigned ones may exceed a long). */
    record Number(String key, java.math.BigInteger value, String label) implements ArgValue {
    }

    /** {@code string_arg}. */
    record Text(String value, boolean truncated, String label) implements ArgValue {
    }

    /** {@code bytes_arg} (base64), or {@code truncated_bytes_arg} when only part was copied. */
    record Data(byte[] value, long originalSize, boolean truncated, String label) implements ArgValue {
    }

    /** {@code file_arg}, {@code path_arg}, {@code linux_binprm_arg}: an object with a {@code path}. */
    record PathArg(String key, String path, boolean truncated, String label) implements ArgValue {
    }

    /** An argument the BPF side could not read (its offset says "not read", or the record is cut short). */
    record Missing(String type, String label) implements ArgValue {
    }
}
