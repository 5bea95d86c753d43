package dev.tpc.runtime.libbpf;

import java.util.LinkedHashMap;
import java.util.Map;
import jnr.ffi.Pointer;

/**
 * Global variables of a BPF object ({@code const volatile} ones live in {@code .rodata}), found by
 * name through the object's BTF so that no offset is written down twice. Setting them rewrites the
 * map's initial value before load; the verifier then sees them as constants.
 */
public final class GlobalData {
    private static final int BTF_KIND_VAR = 14;
    private static final int BTF_KIND_DATASEC = 15;
    private static final int BTF_TYPE_SIZE = 12;
    private static final int VAR_SECINFO_SIZE = 12;

    private GlobalData() {
    }

    /** A variable's place inside its section's data. */
    public record Variable(String name, int offset, int size) {
    }

    /** The variables of {@code section} (e.g. {@code .rodata}) in declaration order. */
    public static Map<String, Variable> variables(BpfObject obj, String section) throws BpfException {
        LibBpf bpf = obj.natives().bpf();
        Pointer btf = obj.btf();
        if (btf == null) {
            throw new BpfException("BPF object " + obj.name() + " has no BTF; cannot find its " + section + " variables", 0);
        }
        int id = bpf.btf__find_by_name_kind(btf, section, BTF_KIND_DATASEC);
        if (id <= 0) {
            throw new BpfException("BPF object " + obj.name() + " has no " + section + " section", 0);
        }
        Pointer datasec = bpf.btf__type_by_id(btf, id);
        int vlen = datasec.getInt(4) & 0xffff;
        Map<String, Variable> out = new LinkedHashMap<>();
        for (int i = 0; i < vlen; i++) {
            long at = BTF_TYPE_SIZE + (long) i * VAR_SECINFO_SIZE;
            int varType = datasec.getInt(at);
            int offset = datasec.getInt(at + 4);
            int size = datasec.getInt(at + 8);
            Pointer var = bpf.btf__type_by_id(btf, varType);
            if (var == null || ((var.getInt(4) >>> 24) & 0x1f) != BTF_KIND_VAR) {
                continue;
            }
            String name = bpf.btf__name_by_offset(btf, var.getInt(0));
            out.put(name, new Variable(name, offset, size));
        }
        return out;
    }

    /**
     * Writes {@code values} (variable name to exact bytes) into the section's initial value. Every
     * name must exist and every value must have the variable's exact size.
     */
    public static void set(BpfObject obj, String section, Map<String, byte[]> values) throws BpfException {
        if (values.isEmpty()) {
            return;
        }
        BpfMap map = obj.map(section).orElseThrow(() -> new BpfException(
                "BPF object " + obj.name() + " has no " + section + " map", 0));
        Map<String, Variable> vars = variables(obj, section);
        byte[] image = map.initialValue();
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            Variable v = vars.get(e.getKey());
            if (v == null) {
                throw new BpfException("BPF object " + obj.name() + " has no " + section + " variable " + e.getKey()
                        + " (it has " + String.join(", ", vars.keySet()) + ")", 0);
            }
            if (e.getValue().length != v.size()) {
                throw new BpfException(section + " variable " + e.getKey() + " of " + obj.name() + " is " + v.size()
                        + " bytes, the plan gives " + e.getValue().length, 0);
            }
            System.arraycopy(e.getValue(), 0, image, v.offset(), v.size());
        }
        map.setInitialValue(image);
    }
}
