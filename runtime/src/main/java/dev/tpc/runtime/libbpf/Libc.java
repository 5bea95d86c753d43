package dev.tpc.runtime.libbpf;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;

/** The few libc functions the runtime needs next to libbpf (mounts, perf events, fds, log formatting). */
public interface Libc {

    int mount(String source, String target, String fsType, long flags, Pointer data);

    int close(int fd);

    int ioctl(int fd, long request, long arg);

    /**
     * Raw system call; pointer arguments are passed as addresses of direct memory. Always six
     * arguments: jnr-ffi 2.2.17 passes a wrong fifth argument through a five-argument binding
     * (seen as garbage perf_event_open flags under strace).
     */
    long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    int vsnprintf(@Out byte[] buf, @size_t long size, Pointer format, Pointer args);

    int getpid();

    /** {@code struct timespec} is two longs on LP64. */
    int clock_gettime(int clockId, Pointer timespec);

    long geteuid();
}
