package dev.tpc.validate.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * A field path in Kubernetes notation ({@code spec.kprobes[0].args[1].type}), as Tetragon's
 * errors name fields. Segments are keys (String) or list indexes (Integer).
 */
record FieldPath(List<Object> segments) {
    static final FieldPath ROOT = new FieldPath(List.of());

    FieldPath {
        segments = List.copyOf(segments);
    }

    FieldPath child(String key) {
        List<Object> s = new ArrayList<>(segments);
        s.add(key);
        return new FieldPath(s);
    }

    FieldPath index(int i) {
        List<Object> s = new ArrayList<>(segments);
        s.add(i);
        return new FieldPath(s);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                out.append('[').append(i).append(']');
            } else if (s.toString().matches("[A-Za-z_][A-Za-z0-9_-]*")) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(s);
            } else {
                out.append('[').append(s).append(']');
            }
        }
        return out.length() == 0 ? "<root>" : out.toString();
    }
}
