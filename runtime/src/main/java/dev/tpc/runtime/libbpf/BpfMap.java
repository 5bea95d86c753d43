package dev.tpc.runtime.libbpf;

import java.util.Optional;
import jnr.ffi.Pointer;

/**
 * A map of a {@link BpfObject}. Its shape can be changed until the object is loaded
 * ({@link #setMaxEntries}, {@link #setInitialValue}); its contents once loaded.
 */
public final class BpfMap {
    private final BpfObject owner;
    private final Pointer handle;

    BpfMap(BpfObject owner, Pointer handle) {
        this.owner = owner;
        this.handle = handle;
    }

    private LibBpf bpf() {
        return owner.natives().bpf();
    }

    public String name() {
        return bpf().bpf_map__name(handle);
    }

    /** {@code enum bpf_map_type}. */
    public int type() {
        return bpf().bpf_map__type(handle);
    }

    public int keySize() {
        return bpf().bpf_map__key_size(handle);
    }

    public int valueSize() {
        return bpf().bpf_map__value_size(handle);
    }

    public int maxEntries() {
        return bpf().bpf_map__max_entries(handle);
    }

    public int flags() {
        return bpf().bpf_map__map_flags(handle);
    }

    /** The map's fd once the object is loaded (owned by the object); negative before. */
    public int fd() {
        return bpf().bpf_map__fd(handle);
    }

    public boolean isMapOfMaps() {
        int t = type();
        return t == MapTypes.ARRAY_OF_MAPS || t == MapTypes.HASH_OF_MAPS;
    }

    public void setMaxEntries(int maxEntries) throws BpfException {
        int rc = bpf().bpf_map__set_max_entries(handle, maxEntries);
        if (rc < 0) {
            throw new BpfException(BpfObject.withLibbpfLog("cannot size map " + name() + " to " + maxEntries), -rc);
        }
    }

    /** The template libbpf keeps for the inner maps of a map-of-maps. */
    public Optional<BpfMap> innerMapTemplate() {
        Pointer inner = bpf().bpf_map__inner_map(handle);
        return Optional.ofNullable(inner).map(p -> new BpfMap(owner, p));
    }

    /** Makes this map use an existing kernel map (shared between objects) instead of creating one. */
    public void reuseFd(int fd) throws BpfException {
        int rc = bpf().bpf_map__reuse_fd(handle, fd);
        if (rc < 0) {
            throw new BpfException(BpfObject.withLibbpfLog("cannot reuse map fd for " + name()), -rc);
        }
    }

    /** The initial contents of a global-data map (.rodata, .data, .bss) before load. */
    public byte[] initialValue() throws BpfException {
        long[] size = new long[1];
        Pointer p = bpf().bpf_map__initial_value(handle, size);
        if (p == null) {
            throw new BpfException("map " + name() + " has no initial value (not a global-data map)", 0);
        }
        byte[] out = new byte[(int) size[0]];
        p.get(0, out, 0, out.length);
        return out;
    }

    public void setInitialValue(byte[] value) throws BpfException {
        int rc = bpf().bpf_map__set_initial_value(handle, value, value.length);
        if (rc < 0) {
            throw new BpfException(BpfObject.withLibbpfLog("cannot set the initial value of map " + name()), -rc);
        }
    }

    public void update(byte[] key, byte[] value) throws BpfException {
        MapOps.update(owner.natives(), fd(), name(), key, value);
    }

    public Optional<byte[]> lookup(byte[] key) throws BpfException {
        return MapOps.lookup(owner.natives(), fd(), name(), key, valueSize());
    }

    /** Lookup with an explicit value buffer size (per-CPU maps return one value per possible CPU). */
    public Optional<byte[]> lookupRaw(byte[] key, int valueBytes) throws BpfException {
        return MapOps.lookup(owner.natives(), fd(), name(), key, valueBytes);
    }

    @Override
    public String toString() {
        return name();
    }
}
