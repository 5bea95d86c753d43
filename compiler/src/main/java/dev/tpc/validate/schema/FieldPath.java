package dev.tpc.validate.schema;

import dev.tpc.diag.Quoted;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A field path in Kubernetes notation ({@code spec.kprobes[0].args[1].type}), as Tetragon's
 * errors name fields. Segments are keys (String) or list indexes (Integer). A path links to its
 * parent, so that walking a tree extends paths in constant time; the segments and the text are
 * only built for the few paths a finding names.
 */
final class FieldPath {
    static final FieldPath ROOT = new FieldPath(null, null);

    private final FieldPath parent;
    private final Object segment;

    private FieldPath(FieldPath parent, Object segment) {
        this.parent = parent;
        this.segment = segment;
    }

    FieldPath child(String key) {
        return new FieldPath(this, key);
    }

    FieldPath index(int i) {
        return new FieldPath(this, i);
    }

    List<Object> segments() {
        List<Object> out = new ArrayList<>();
        for (FieldPath p = this; p.parent != null; p = p.parent) {
            out.add(p.segment);
        }
        Collections.reverse(out);
        return Collections.unmodifiableList(out);
    }

    boolean isRoot() {
        return parent == null;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Object s : segments()) {
            if (s instanceof Integer i) {
                out.append('[').append(i).append(']');
            } else if (s.toString().matches("[A-Za-z_][A-Za-z0-9_-]*")) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(s);
            } else {
                // a user's key (a label, an unknown field): shortened like any quoted value
                out.append('[').append(Quoted.text(s.toString())).append(']');
            }
        }
        return out.length() == 0 ? "<root>" : out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && segments().equals(other.segments());
    }

    @Override
    public int hashCode() {
        return segments().hashCode();
    }
}
