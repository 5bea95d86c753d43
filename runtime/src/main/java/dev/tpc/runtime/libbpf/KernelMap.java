package dev.tpc.runtime.libbpf;

import java.util.Optional;
import jnr.ffi.Pointer;

/**
 * A map created directly ({@code bpf_map_create}), not from an object: the inner maps of
 * ARRAY_OF_MAPS / HASH_OF_MAPS and probe maps. Owns its fd; an outer map that holds it keeps the
 * kernel map alive after {@link #close()}.
 */
public final class KernelMap implements AutoCloseable {
    private final Native n;
    private final String name;
    private final int valueSize;
    private int fd;

    private KernelMap(Native n, String name, int fd, int valueSize) {
        this.n = n;
        this.name = name;
        this.fd = fd;
        this.valueSize = valueSize;
    }

    /** Creates a map; {@code name} is truncated by the kernel to 15 characters. */
    public static KernelMap create(Native n, int type, String name, int keySize, int valueSize, int maxEntries,
            int flags) throws BpfException {
        Pointer opts = Opts.allocate(n, Opts.MapCreate.SIZE);
        opts.putInt(Opts.MapCreate.MAP_FLAGS, flags);
        int fd = n.bpf().bpf_map_create(type, kernelName(name), keySize, valueSize, maxEntries, opts);
        if (fd < 0) {
            throw new BpfException("cannot create map " + name + " (type " + type + ", key " + keySize + ", value "
                    + valueSize + ", entries " + maxEntries + ")", -fd);
        }
        return new KernelMap(n, name, fd, valueSize);
    }

    /** Kernel map names: at most 15 characters of [A-Za-z0-9_.]. */
    static String kernelName(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9_.]", "_");
        return clean.length() > 15 ? clean.substring(0, 15) : clean;
    }

    public String name() {
        return name;
    }

    public int fd() {
        if (fd < 0) {
            throw new IllegalStateException("map " + name + " is closed");
        }
        return fd;
    }

    public void update(byte[] key, byte[] value) throws BpfException {
        MapOps.update(n, fd(), name, key, value);
    }

    public Optional<byte[]> lookup(byte[] key) throws BpfException {
        return MapOps.lookup(n, fd(), name, key, valueSize);
    }

    @Override
    public void close() {
        if (fd >= 0) {
            n.libc().close(fd);
            fd = -1;
        }
    }
}
