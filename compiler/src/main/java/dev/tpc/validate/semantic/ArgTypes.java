package dev.tpc.validate.semantic;

import java.util.Set;

/** How Tetragon's selector compiler groups argument types. */
final class ArgTypes {
    /** Equal/NotEqual on these compare strings (hash maps per length bucket). */
    static final Set<String> STRINGS = Set.of("fd", "file", "path", "dentry", "string", "char_buf", "linux_binprm",
            "data_loc", "net_device", "sockaddr_un");
    static final Set<String> INT32 = Set.of("int", "sint32", "int32", "size_t", "sint16", "int16", "sint8", "int8");
    static final Set<String> UINT32 = Set.of("uint32", "uint16", "uint8");
    static final Set<String> INT64 = Set.of("int64", "sint64", "long", "syscall64");
    static final Set<String> UINT64 = Set.of("uint64", "ulong");
    static final Set<String> CAPABILITIES = Set.of("kernel_cap_t", "cap_inheritable", "cap_permitted", "cap_effective");
    static final Set<String> SOCKETS = Set.of("sock", "skb", "sockaddr", "socket");
    /** 8- and 16-bit integers need large programs in value filters. */
    static final Set<String> SMALL_INTS = Set.of("sint16", "int16", "uint16", "sint8", "int8", "uint8");
    /** InMap/NotInMap value types. */
    static final Set<String> IN_MAP = Set.of("int", "int64", "sint64", "long", "int32", "sint32", "int16", "sint16", "int8",
            "sint8", "syscall64", "size_t", "uint64", "ulong", "uint32", "uint16", "uint8");
    static final Set<String> RANGE_32 = Set.of("int", "int32", "sint32", "size_t", "uint32", "uint16", "uint8", "int16", "sint16", "int8", "sint8");
    static final Set<String> RANGE_64 = Set.of("int64", "sint64", "long", "syscall64", "uint64", "ulong");

    private ArgTypes() {}

    static boolean isInteger(String t) {
        return INT32.contains(t) || UINT32.contains(t) || INT64.contains(t) || UINT64.contains(t);
    }

    static boolean isSigned(String t) {
        return INT32.contains(t) || INT64.contains(t);
    }

    static int bits(String t) {
        return INT32.contains(t) || UINT32.contains(t) ? 32 : 64;
    }
}
