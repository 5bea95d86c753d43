package dev.tpc.runtime.libbpf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * One {@code struct bpf_object}, opened from memory. Owns its programs and maps (libbpf closes them
 * with the object) and the links attached from its programs, which {@link #close()} destroys first.
 *
 * <p>{@code bpf_object__open_mem} keeps pointers into the ELF buffer, so the buffer is copied to
 * direct memory that lives exactly as long as this object.
 */
public final class BpfObject implements AutoCloseable {
    /** Verifier log space for a program that fails to load (the kernel keeps the tail on 6.4+). */
    private static final int VERIFIER_LOG_SIZE = 1 << 20;

    private final Native n;
    private final String name;
    private Pointer handle;
    @SuppressWarnings("unused") // referenced to keep the ELF image alive while libbpf points into it
    private Pointer elf;
    private final List<BpfLink> links = new ArrayList<>();
    private boolean loaded;

    private BpfObject(Native n, String name, Pointer handle, Pointer elf) {
        this.n = n;
        this.name = name;
        this.handle = handle;
        this.elf = elf;
    }

    /** Opens (parses, does not load) an ELF BPF object; {@code name} prefixes its internal map names. */
    public static BpfObject open(Native n, String name, byte[] elfBytes) throws BpfException {
        Pointer elf = Memory.allocateDirect(n.runtime(), Math.max(1, elfBytes.length), false);
        elf.put(0, elfBytes, 0, elfBytes.length);
        Pointer opts = Opts.allocate(n, Opts.ObjectOpen.SIZE);
        Pointer objectName = Opts.cString(n, name);
        opts.putPointer(Opts.ObjectOpen.OBJECT_NAME, objectName);
        LibbpfLog.clear();
        Pointer obj = n.bpf().bpf_object__open_mem(elf, elfBytes.length, opts);
        // only native memory (opts) points at the name: keep its Java owner from being freed by the GC mid-call
        java.lang.ref.Reference.reachabilityFence(objectName);
        if (obj == null) {
            int errno = n.lastErrno();
            throw new BpfException(withLibbpfLog("cannot open BPF object " + name), errno);
        }
        return new BpfObject(n, name, obj, elf);
    }

    public String name() {
        return name;
    }

    Native natives() {
        return n;
    }

    Pointer handle() {
        if (handle == null) {
            throw new IllegalStateException("BPF object " + name + " is closed");
        }
        return handle;
    }

    public List<BpfProgram> programs() {
        List<BpfProgram> out = new ArrayList<>();
        for (Pointer p = n.bpf().bpf_object__next_program(handle(), null); p != null;
                p = n.bpf().bpf_object__next_program(handle(), p)) {
            out.add(new BpfProgram(this, p));
        }
        return out;
    }

    public Optional<BpfProgram> program(String programName) {
        Pointer p = n.bpf().bpf_object__find_program_by_name(handle(), programName);
        return Optional.ofNullable(p).map(ptr -> new BpfProgram(this, ptr));
    }

    public List<BpfMap> maps() {
        List<BpfMap> out = new ArrayList<>();
        for (Pointer p = n.bpf().bpf_object__next_map(handle(), null); p != null;
                p = n.bpf().bpf_object__next_map(handle(), p)) {
            out.add(new BpfMap(this, p));
        }
        return out;
    }

    /** A map by its name in the object; internal maps are found by section name ({@code .rodata}). */
    public Optional<BpfMap> map(String mapName) {
        Pointer p = n.bpf().bpf_object__find_map_by_name(handle(), mapName);
        return Optional.ofNullable(p).map(ptr -> new BpfMap(this, ptr));
    }

    /** The object's BTF (for .rodata variable offsets), or null when it has none. */
    Pointer btf() {
        return n.bpf().bpf_object__btf(handle());
    }

    /**
     * Creates the maps and loads the programs marked for autoload. On a verifier refusal the
     * exception carries the verifier log; libbpf has then already released what it created.
     */
    public void load() throws BpfException {
        if (loaded) {
            throw new IllegalStateException("BPF object " + name + " is already loaded");
        }
        // libbpf requests a log only when a load fails (it retries with log level 1), so one buffer
        // shared by all programs ends up holding the log of the program that failed.
        Pointer log = Memory.allocateDirect(n.runtime(), VERIFIER_LOG_SIZE, true);
        List<BpfProgram> programs = programs();
        for (BpfProgram p : programs) {
            n.bpf().bpf_program__set_log_buf(p.handle(), log, VERIFIER_LOG_SIZE);
        }
        LibbpfLog.clear();
        int rc = n.bpf().bpf_object__load(handle());
        for (BpfProgram p : programs) {
            n.bpf().bpf_program__set_log_buf(p.handle(), null, 0);
        }
        if (rc < 0) {
            String verifierLog = log.getString(0, VERIFIER_LOG_SIZE, java.nio.charset.StandardCharsets.UTF_8).strip();
            String what = verifierLog.isEmpty() ? "cannot load BPF object " + name
                    : "the kernel verifier refused a program of BPF object " + name;
            throw new BpfException(withLibbpfLog(what), -rc, verifierLog);
        }
        loaded = true;
    }

    void track(BpfLink link) {
        links.add(link);
    }

    void untrack(BpfLink link) {
        links.remove(link);
    }

    /** Destroys the links of this object's programs, then closes programs and maps. Idempotent. */
    @Override
    public void close() {
        for (BpfLink link : List.copyOf(links)) {
            link.close();
        }
        links.clear();
        if (handle != null) {
            n.bpf().bpf_object__close(handle);
            handle = null;
        }
        elf = null;
    }

    static String withLibbpfLog(String message) {
        String libbpf = LibbpfLog.take();
        return libbpf.isEmpty() ? message : message + " (" + libbpf.replace('\n', ' ').strip() + ")";
    }
}
