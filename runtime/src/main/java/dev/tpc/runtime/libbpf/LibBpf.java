package dev.tpc.runtime.libbpf;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Delegate;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;

/**
 * The libbpf 1.x functions tpc calls, bound with jnr-ffi. Only this interface names libbpf symbols;
 * everything else goes through the lifetime classes ({@link BpfObject}, {@link BpfLink}, ...).
 *
 * <p>Conventions of libbpf 1.x that the callers rely on: functions returning a pointer return NULL
 * and set errno on failure; functions returning int return a negative errno. Opaque libbpf
 * structures are {@link Pointer}s; {@code *_opts} structures are built by hand in {@link Opts}
 * because in C they are initialised through macros.
 */
public interface LibBpf {

    // version
    int libbpf_major_version();

    int libbpf_minor_version();

    String libbpf_version_string();

    Pointer libbpf_set_print(PrintCallback fn);

    int libbpf_num_possible_cpus();

    // objects
    Pointer bpf_object__open_mem(Pointer objBuf, @size_t long objBufSize, Pointer opts);

    int bpf_object__load(Pointer obj);

    void bpf_object__close(Pointer obj);

    Pointer bpf_object__next_program(Pointer obj, Pointer prev);

    Pointer bpf_object__next_map(Pointer obj, Pointer prev);

    Pointer bpf_object__find_program_by_name(Pointer obj, String name);

    Pointer bpf_object__find_map_by_name(Pointer obj, String name);

    Pointer bpf_object__btf(Pointer obj);

    // programs
    String bpf_program__name(Pointer prog);

    String bpf_program__section_name(Pointer prog);

    int bpf_program__fd(Pointer prog);

    int bpf_program__type(Pointer prog);

    int bpf_program__set_autoload(Pointer prog, boolean autoload);

    int bpf_program__set_log_buf(Pointer prog, Pointer logBuf, @size_t long logSize);

    int bpf_program__set_log_level(Pointer prog, int level);

    int bpf_program__set_attach_target(Pointer prog, int attachProgFd, String attachFuncName);

    // attach (return a struct bpf_link *)
    Pointer bpf_program__attach(Pointer prog);

    Pointer bpf_program__attach_tracepoint(Pointer prog, String category, String name);

    Pointer bpf_program__attach_raw_tracepoint(Pointer prog, String name);

    Pointer bpf_program__attach_kprobe(Pointer prog, boolean retprobe, String function);

    Pointer bpf_program__attach_kprobe_multi_opts(Pointer prog, String pattern, Pointer opts);

    Pointer bpf_program__attach_uprobe_opts(Pointer prog, int pid, String binaryPath, @size_t long funcOffset, Pointer opts);

    Pointer bpf_program__attach_trace(Pointer prog);

    Pointer bpf_program__attach_lsm(Pointer prog);

    int bpf_link__destroy(Pointer link);

    int bpf_link__fd(Pointer link);

    // maps of an object
    String bpf_map__name(Pointer map);

    int bpf_map__fd(Pointer map);

    int bpf_map__type(Pointer map);

    int bpf_map__key_size(Pointer map);

    int bpf_map__value_size(Pointer map);

    int bpf_map__max_entries(Pointer map);

    int bpf_map__map_flags(Pointer map);

    int bpf_map__set_max_entries(Pointer map, int maxEntries);

    int bpf_map__set_inner_map_fd(Pointer map, int fd);

    Pointer bpf_map__inner_map(Pointer map);

    int bpf_map__reuse_fd(Pointer map, int fd);

    Pointer bpf_map__initial_value(Pointer map, @Out long[] size);

    int bpf_map__set_initial_value(Pointer map, @In byte[] data, @size_t long size);

    // low-level syscall wrappers (bpf.h)
    int bpf_map_create(int mapType, String name, int keySize, int valueSize, int maxEntries, Pointer opts);

    int bpf_map_update_elem(int fd, @In byte[] key, @In byte[] value, long flags);

    int bpf_map_lookup_elem(int fd, @In byte[] key, @Out byte[] value);

    int bpf_map_get_next_key(int fd, @In byte[] key, @Out byte[] nextKey);

    int bpf_prog_load(int progType, String name, String license, Pointer insns, @size_t long insnCount, Pointer opts);

    int bpf_btf_load(@In byte[] data, @size_t long size, Pointer opts);

    int bpf_prog_test_run_opts(int progFd, Pointer opts);

    int bpf_link_create(int progFd, int targetFd, int attachType, Pointer opts);

    int bpf_raw_tracepoint_open(String name, int progFd);

    int bpf_obj_get_info_by_fd(int fd, Pointer info, @In @Out int[] infoLen);

    int bpf_prog_get_fd_by_id(int id);

    int bpf_map_get_fd_by_id(int id);

    int bpf_link_get_fd_by_id(int id);

    int libbpf_find_vmlinux_btf_id(String name, int attachType);

    // BTF
    Pointer btf__load_vmlinux_btf();

    void btf__free(Pointer btf);

    int btf__find_by_name_kind(Pointer btf, String name, int kind);

    Pointer btf__type_by_id(Pointer btf, int id);

    String btf__name_by_offset(Pointer btf, int offset);

    // ring buffer
    Pointer ring_buffer__new(int mapFd, SampleCallback callback, Pointer ctx, Pointer opts);

    int ring_buffer__poll(Pointer rb, int timeoutMs);

    int ring_buffer__consume(Pointer rb);

    void ring_buffer__free(Pointer rb);

    /** {@code int (*ring_buffer_sample_fn)(void *ctx, void *data, size_t size)}. */
    interface SampleCallback {
        @Delegate
        int sample(Pointer ctx, Pointer data, @size_t long size);
    }

    /**
     * {@code int (*libbpf_print_fn_t)(enum libbpf_print_level, const char *, va_list)}. The va_list
     * arrives as a pointer on the ABIs tpc supports (x86-64 and aarch64 pass it by reference) and
     * is handed unread to libc's vsnprintf; see {@link LibbpfLog}.
     */
    interface PrintCallback {
        @Delegate
        int print(int level, Pointer format, Pointer args);
    }
}
