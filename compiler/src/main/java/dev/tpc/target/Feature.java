package dev.tpc.target;

import java.util.Optional;

/**
 * A fact about a kernel that decides what Tetragon (or tpc's runtime) can do there. The key is
 * how a profile file names it. Rules read these; none of them looks at a kernel version.
 */
public enum Feature {
    LARGE_PROGRAMS("large_programs"),
    SIGNAL_HELPER("signal_helper"),
    OVERRIDE_HELPER("override_helper"),
    FMODRET_SECURITY("fmodret_security"),
    FMODRET_SYSCALL("fmodret_syscall"),
    BPF_LSM("bpf_lsm"),
    BPF_LSM_BY_DEFAULT("bpf_lsm_by_default"),
    KPROBE_MULTI("kprobe_multi"),
    UPROBE_MULTI("uprobe_multi"),
    FENTRY("fentry"),
    BUILD_ID("build_id"),
    LOADER_VERSION_GATE("loader_version_gate"),
    V511_PROGRAMS("v511_programs"),
    V61_PROGRAMS("v61_programs"),
    RING_BUFFER("ring_buffer"),
    TIME_NAMESPACES("time_namespaces"),
    MIX_BPF_AND_TAIL_CALLS("mix_bpf_and_tail_calls"),
    SUBSTRING_KFUNC("substring_kfunc"),
    SUBSTRING_IGNORE_CASE_KFUNC("substring_ignore_case_kfunc"),
    COPY_FROM_USER_STR("copy_from_user_str"),
    UPROBE_REGS_CHANGE("uprobe_regs_change"),
    GET_FUNC_IP("get_func_ip"),
    MODULE_BTF("module_btf");

    private final String key;

    Feature(String key) {
        this.key = key;
    }

    /** The name in a profile file, e.g. {@code kprobe_multi}. */
    public String key() {
        return key;
    }

    public static Optional<Feature> byKey(String key) {
        for (Feature f : values()) {
            if (f.key.equals(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
