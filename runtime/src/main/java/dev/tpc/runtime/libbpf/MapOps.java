package dev.tpc.runtime.libbpf;

import java.util.Optional;

/** Element operations on a map fd, shared by object maps and standalone maps. */
final class MapOps {
    private MapOps() {
    }

    static void update(Native n, int fd, String mapName, byte[] key, byte[] value) throws BpfException {
        int rc = n.bpf().bpf_map_update_elem(fd, key, value, 0 /* BPF_ANY */);
        if (rc < 0) {
            throw new BpfException("cannot update map " + mapName + " (key " + key.length + " bytes, value "
                    + value.length + " bytes)", -rc);
        }
    }

    static Optional<byte[]> lookup(Native n, int fd, String mapName, byte[] key, int valueSize) throws BpfException {
        byte[] value = new byte[valueSize];
        int rc = n.bpf().bpf_map_lookup_elem(fd, key, value);
        if (rc == -Errno.ENOENT) {
            return Optional.empty();
        }
        if (rc < 0) {
            throw new BpfException("cannot look up map " + mapName, -rc);
        }
        return Optional.of(value);
    }
}
