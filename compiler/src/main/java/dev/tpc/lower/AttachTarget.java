package dev.tpc.lower;

/** Where an attach point attaches, resolved for one architecture. */
public sealed interface AttachTarget {

    /** How Tetragon names the hook ({@code __x64_sys_write}, {@code raw_syscalls/sys_enter}, ...). */
    String name();

    /** A kernel function; syscalls carry the architecture's prefix ({@code __x64_sys_openat}). */
    record KernelFunction(String symbol) implements AttachTarget {
        public String name() {
            return symbol;
        }
    }

    /**
     * The functions of a {@code generated_syscalls} or {@code generated_ftrace} list: only the node
     * knows them (its BTF, its {@code available_filter_functions}). Every one gets this entry's encoding.
     */
    record NodeGeneratedFunctions(String list, String listType, String pattern) implements AttachTarget {
        public String name() {
            return "list:" + list;
        }
    }

    record Tracepoint(String subsystem, String event) implements AttachTarget {
        public String name() {
            return subsystem + "/" + event;
        }
    }

    /** An LSM hook by its name without prefix ({@code file_open}); BPF attaches to {@code bpf_lsm_<hook>}. */
    record LsmHook(String hook) implements AttachTarget {
        public String name() {
            return hook;
        }
    }

    /**
     * A uprobe in the binary at {@code path} (absolute). Where in it depends on {@code location}:
     * {@link Location#SYMBOL}: {@code symbol} as the policy wrote it ({@code readline} or
     * {@code readline+0x8}) with {@code offset} the part after {@code +} (0 without one);
     * {@link Location#OFFSET}: {@code offset} is a file offset; {@link Location#ADDRESS}:
     * {@code offset} is a virtual address, which only the binary's program headers turn into a
     * file offset (Tetragon converts it when it loads the policy, tpc's runtime when it attaches).
     * {@code refCtrOffset} is the USDT-style reference counter offset (0 = none).
     */
    record UserFunction(String path, Location location, String symbol, long offset, long refCtrOffset)
            implements AttachTarget {

        public enum Location {
            SYMBOL, OFFSET, ADDRESS;

            public String id() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        public UserFunction {
            symbol = symbol == null ? "" : symbol;
        }

        /** The ELF symbol to look up: {@code symbol} without its {@code +offset} part. */
        public String symbolName() {
            int plus = symbol.indexOf('+');
            return plus < 0 ? symbol : symbol.substring(0, plus);
        }

        /** Tetragon's {@code symbol} of the hook's events: as written, empty for offsets and addresses. */
        public String eventSymbol() {
            return location == Location.SYMBOL ? symbol : "";
        }

        public String name() {
            return path + ":" + switch (location) {
                case SYMBOL -> symbol;
                case OFFSET -> "0x" + Long.toHexString(offset);
                case ADDRESS -> "addr:0x" + Long.toHexString(offset);
            };
        }
    }

    record UsdtProbe(String path, String provider, String probe) implements AttachTarget {
        public String name() {
            return path + ":" + provider + ":" + probe;
        }
    }
}
