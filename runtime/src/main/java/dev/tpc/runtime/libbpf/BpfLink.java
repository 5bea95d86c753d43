package dev.tpc.runtime.libbpf;

import jnr.ffi.Pointer;

/** An attachment ({@code struct bpf_link}) of a program to a hook; closing detaches it. */
public final class BpfLink implements AutoCloseable {
    private final BpfObject owner;
    private final String description;
    private Pointer handle;

    BpfLink(BpfObject owner, Pointer handle, String description) {
        this.owner = owner;
        this.handle = handle;
        this.description = description;
        owner.track(this);
    }

    /** What this link attaches, e.g. {@code tracepoint syscalls/sys_enter_openat}. */
    public String description() {
        return description;
    }

    public int fd() {
        return owner.natives().bpf().bpf_link__fd(handle);
    }

    public boolean isOpen() {
        return handle != null;
    }

    @Override
    public void close() {
        if (handle != null) {
            owner.natives().bpf().bpf_link__destroy(handle);
            handle = null;
            owner.untrack(this);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
