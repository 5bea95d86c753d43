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

    /** A uprobe: a symbol ({@code sym} or {@code sym+off}), or a numeric offset or address, in a binary. */
    record UserFunction(String path, String location) implements AttachTarget {
        public String name() {
            return path + ":" + location;
        }
    }

    record UsdtProbe(String path, String provider, String probe) implements AttachTarget {
        public String name() {
            return path + ":" + provider + ":" + probe;
        }
    }
}
