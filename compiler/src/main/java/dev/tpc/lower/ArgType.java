package dev.tpc.lower;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tetragon's argument types with their kernel IDs ({@code pkg/generictypes} = the BPF side's
 * {@code basic.h} enum), as of Tetragon 1.8.13. {@link #UNSET} (0) marks an unused
 * {@code event_config} slot, {@link #NOP} (-1) an argument the BPF program skips.
 */
public enum ArgType {
    UNSET(0, ""),
    INT(1, "int"),
    CHAR_BUF(2, "char_buf"),
    CHAR_IOVEC(3, "char_iovec"),
    SIZE_T(4, "size_t"),
    SKB(5, "skb"),
    STRING(6, "string"),
    SOCK(7, "sock"),
    CRED(8, "cred"),
    INT64(10, "int64", "sint64", "long"),
    UINT64(11, "uint64", "ulong", "unsigned long"),
    INT32(12, "int32", "sint32"),
    UINT32(13, "uint32"),
    FILENAME(14, "filename"),
    PATH(15, "path"),
    FILE(16, "file"),
    FD(17, "fd"),
    CONST_BUF(18, "const_buf"),
    BPF_ATTR(19, "bpf_attr"),
    PERF_EVENT(20, "perf_event"),
    BPF_MAP(21, "bpf_map"),
    USER_NAMESPACE(22, "user_namespace"),
    CAPABILITY(23, "capability"),
    KIOCB(24, "kiocb"),
    IOV_ITER(25, "iov_iter"),
    LOAD_INFO(26, "load_info"),
    MODULE(27, "module"),
    SYSCALL64(28, "syscall64"),
    INT16(29, "int16", "sint16"),
    UINT16(30, "uint16"),
    INT8(31, "int8", "sint8"),
    UINT8(32, "uint8"),
    KERNEL_CAP_T(33, "kernel_cap_t"),
    CAP_INHERITABLE(34, "cap_inheritable"),
    CAP_PERMITTED(35, "cap_permitted"),
    CAP_EFFECTIVE(36, "cap_effective"),
    LINUX_BINPRM(37, "linux_binprm"),
    DATA_LOC(38, "data_loc"),
    NET_DEVICE(39, "net_device"),
    SOCKADDR(40, "sockaddr"),
    SOCKET(41, "socket"),
    DENTRY(42, "dentry"),
    BPF_PROG(43, "bpf_prog"),
    SOCKADDR_UN(44, "sockaddr_un"),
    NOP(-1, "nop");

    private static final Map<String, ArgType> BY_NAME = new HashMap<>();
    private static final Map<Integer, ArgType> BY_ID = new HashMap<>();

    static {
        for (ArgType t : values()) {
            BY_ID.put(t.id, t);
            for (String n : t.names) {
                if (!n.isEmpty()) {
                    BY_NAME.put(n, t);
                }
            }
        }
    }

    private final int id;
    private final List<String> names;

    ArgType(int id, String... names) {
        this.id = id;
        this.names = List.of(names);
    }

    /** The ID the kernel side uses ({@code event_config.arg[]}, a filter's type word). */
    public int id() {
        return id;
    }

    /** The canonical spelling (Tetragon's {@code GenericTypeToString}). */
    public String canonicalName() {
        return names.get(0);
    }

    /** A type as a policy spells it; {@code auto} and unknown names are empty. */
    public static Optional<ArgType> fromName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Optional<ArgType> fromId(int id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** Types whose Equal/NotEqual go through the string hash maps. */
    public boolean isStringEqualType() {
        return switch (this) {
            case FD, FILE, PATH, STRING, CHAR_BUF, LINUX_BINPRM, DATA_LOC, NET_DEVICE -> true;
            default -> false;
        };
    }

    /** Signed types encoded as 32-bit values by Equal/GT/LT/Mask. */
    public boolean isSigned32() {
        return this == INT || this == INT32 || this == SIZE_T || this == INT16 || this == INT8;
    }

    public boolean isUnsigned32() {
        return this == UINT32 || this == UINT16 || this == UINT8;
    }

    public boolean isSigned64() {
        return this == INT64 || this == SYSCALL64;
    }

    public boolean isCapability() {
        return this == KERNEL_CAP_T || this == CAP_INHERITABLE || this == CAP_PERMITTED || this == CAP_EFFECTIVE;
    }

    public boolean isSocketLike() {
        return this == SOCK || this == SKB || this == SOCKADDR || this == SOCKET;
    }

    /** Integer types whose InMap keys are parsed as signed (Tetragon's writeMatchValuesInMap). */
    public boolean isSignedMapKey() {
        return this == INT || this == INT64 || this == INT32 || this == INT16 || this == INT8
                || this == SYSCALL64 || this == SIZE_T;
    }

    public boolean isUnsignedMapKey() {
        return this == UINT64 || this == UINT32 || this == UINT16 || this == UINT8;
    }
}
