package dev.tpc.lower;

import java.util.ArrayList;
import java.util.List;

/** A matchNamespaceChanges entry; {@code mask} has bit {@code 1 << namespace id} per namespace named. */
public record NamespaceChangeFilter(Operator op, int mask) {

    public List<Namespace> namespaces() {
        List<Namespace> out = new ArrayList<>();
        for (Namespace n : Namespace.values()) {
            if ((mask & (1 << n.id())) != 0) {
                out.add(n);
            }
        }
        return out;
    }
}
