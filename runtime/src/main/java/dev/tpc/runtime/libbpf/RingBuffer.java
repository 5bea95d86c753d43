package dev.tpc.runtime.libbpf;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import jnr.ffi.Pointer;

/**
 * A reader of one BPF ring-buffer map ({@code ring_buffer__new/poll/free}). Each record is copied
 * into a Java array and handed to the consumer on the polling thread.
 *
 * <p>The native callback object is held in a field for as long as libbpf may call it. Polling and
 * closing exclude each other: {@link #close()} waits for a running {@link #poll} to return, so the
 * ring buffer is never freed under libbpf's feet.
 */
public final class RingBuffer implements AutoCloseable {
    private final Native n;
    private final ReentrantLock lock = new ReentrantLock();
    private final LibBpf.SampleCallback callback;
    private Pointer handle;
    private Throwable consumerFailure;

    private RingBuffer(Native n, Consumer<byte[]> consumer) {
        this.n = n;
        this.callback = (ctx, data, size) -> {
            try {
                byte[] record = new byte[(int) size];
                data.get(0, record, 0, record.length);
                consumer.accept(record);
                return 0;
            } catch (RuntimeException | Error e) {
                // never unwind through native code (libbpf would go on calling back with the
                // exception pending): stop this poll and rethrow from poll()
                consumerFailure = e;
                return -1;
            }
        };
    }

    /** Opens a reader on the ring-buffer map {@code mapFd}. */
    public static RingBuffer open(Native n, int mapFd, Consumer<byte[]> consumer) throws BpfException {
        RingBuffer rb = new RingBuffer(n, consumer);
        LibbpfLog.clear();
        Pointer h = n.bpf().ring_buffer__new(mapFd, rb.callback, null, null);
        if (h == null) {
            throw new BpfException(BpfObject.withLibbpfLog("cannot open the ring buffer"), n.lastErrno());
        }
        rb.handle = h;
        return rb;
    }

    /**
     * Waits up to {@code timeoutMs} for records and consumes every available one.
     *
     * @return the number of records consumed; 0 on timeout or when closed
     */
    public int poll(int timeoutMs) throws BpfException {
        lock.lock();
        try {
            if (handle == null) {
                return 0;
            }
            int rc = n.bpf().ring_buffer__poll(handle, timeoutMs);
            if (consumerFailure != null) {
                Throwable e = consumerFailure;
                consumerFailure = null;
                if (e instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) e;
            }
            if (rc == -Errno.EINTR) {
                return 0;
            }
            if (rc < 0) {
                throw new BpfException("ring buffer poll failed", -rc);
            }
            return rc;
        } finally {
            lock.unlock();
        }
    }

    public boolean isOpen() {
        lock.lock();
        try {
            return handle != null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (handle != null) {
                n.bpf().ring_buffer__free(handle);
                handle = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
