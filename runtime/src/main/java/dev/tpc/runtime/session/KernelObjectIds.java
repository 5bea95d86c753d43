package dev.tpc.runtime.session;

import dev.tpc.runtime.libbpf.BpfLink;
import dev.tpc.runtime.libbpf.BpfMap;
import dev.tpc.runtime.libbpf.BpfProgram;
import dev.tpc.runtime.libbpf.Native;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * The kernel's ids of the programs, maps and links one attached policy created (not the maps it
 * shares with its tracing session), so that after closing it one can ask the kernel whether any
 * of them is still there: what "nothing of the scenario is left in the kernel" is checked with.
 */
public record KernelObjectIds(List<Long> programs, List<Long> maps, List<Long> links) {
    public KernelObjectIds {
        programs = List.copyOf(programs);
        maps = List.copyOf(maps);
        links = List.copyOf(links);
    }

    /** The objects {@code session} holds, less the maps it was given by its tracing session. */
    static KernelObjectIds of(Session session) {
        Native n = Native.getLoaded();
        // libbpf dups a reused map's fd, so inherited maps are told by their kernel id, not their fd
        Set<Long> inherited = new HashSet<>();
        for (int fd : session.inheritedMapFds()) {
            id(n, fd).ifPresent(inherited::add);
        }
        List<Long> programs = new ArrayList<>();
        List<Long> maps = new ArrayList<>();
        List<Long> links = new ArrayList<>();
        for (LoadedAttachPoint a : session.attachPoints()) {
            for (BpfProgram p : a.object().programs()) {
                id(n, p.fd()).ifPresent(programs::add);
            }
            for (BpfMap m : a.object().maps()) {
                id(n, m.fd()).filter(id -> !inherited.contains(id)).ifPresent(maps::add);
            }
            for (BpfLink l : a.links()) {
                id(n, l.fd()).ifPresent(links::add);
            }
        }
        return new KernelObjectIds(programs, maps, links);
    }

    /** bpf_{prog,map,link}_info all begin with {@code __u32 type; __u32 id;}. */
    private static Optional<Long> id(Native n, int fd) {
        if (fd < 0) {
            return Optional.empty();
        }
        Pointer info = Memory.allocateDirect(n.runtime(), 8, true);
        int[] len = {8};
        if (n.bpf().bpf_obj_get_info_by_fd(fd, info, len) != 0) {
            return Optional.empty();
        }
        return Optional.of(info.getInt(4) & 0xffffffffL);
    }

    /**
     * Which of these objects the kernel still has, asked by id. The kernel frees some objects from
     * a work queue after their last reference is gone, so the question is repeated for up to
     * {@code attempts} × 50 ms before an object counts as left behind.
     */
    public List<String> stillInKernel(int attempts) {
        Native n = Native.getLoaded();
        List<String> left = List.of();
        for (int i = 0; i < Math.max(1, attempts); i++) {
            left = new ArrayList<>();
            for (long id : programs) {
                present(n, n.bpf().bpf_prog_get_fd_by_id((int) id), "program " + id, left);
            }
            for (long id : maps) {
                present(n, n.bpf().bpf_map_get_fd_by_id((int) id), "map " + id, left);
            }
            for (long id : links) {
                present(n, n.bpf().bpf_link_get_fd_by_id((int) id), "link " + id, left);
            }
            if (left.isEmpty()) {
                return left;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.copyOf(left);
    }

    private static void present(Native n, int fd, String what, List<String> left) {
        if (fd >= 0) {
            n.libc().close(fd);
            left.add(what);
        }
    }
}
