package dev.tpc.runtime.templates;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-made Tetragon filter blob (tetragon-internals §3.2), written independently of the
 * encoder so that the template tests do not depend on it: N, relative offsets, then per selector
 * the seven length-prefixed sections.
 */
final class FilterBlob {

    /** One selector; each section body is given without its length word. */
    record Selector(int[] pids, int[] namespaces, int[] caps, int[] nsChanges, int[] capChanges,
                    List<int[]> filters, int[] actions) {}

    static final int[] EMPTY = {};

    private FilterBlob() {}

    static Selector selector(List<int[]> filters, int... actions) {
        return new Selector(EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, filters, actions);
    }

    static Selector withPids(int[] pids, List<int[]> filters, int... actions) {
        return new Selector(pids, EMPTY, EMPTY, EMPTY, EMPTY, filters, actions);
    }

    static Selector withNamespaces(int[] ns, int... actions) {
        return new Selector(EMPTY, ns, EMPTY, EMPTY, EMPTY, List.of(), actions);
    }

    static Selector withCaps(int[] caps, int... actions) {
        return new Selector(EMPTY, EMPTY, caps, EMPTY, EMPTY, List.of(), actions);
    }

    /** A FILTER: index, op, vallen (8 + value bytes), type, values. */
    static int[] filter(int index, int op, int type, int... values) {
        int[] f = new int[4 + values.length];
        f[0] = index;
        f[1] = op;
        f[2] = 8 + 4 * values.length;
        f[3] = type;
        System.arraycopy(values, 0, f, 4, values.length);
        return f;
    }

    /** 64-bit values as pairs of little-endian words. */
    static int[] longs(long... values) {
        int[] w = new int[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            w[2 * i] = (int) values[i];
            w[2 * i + 1] = (int) (values[i] >>> 32);
        }
        return w;
    }

    static byte[] of(Selector... selectors) {
        List<int[]> bodies = new ArrayList<>();
        for (Selector s : selectors) {
            List<Integer> w = new ArrayList<>();
            section(w, s.pids());
            section(w, s.namespaces());
            section(w, s.caps());
            section(w, s.nsChanges());
            section(w, s.capChanges());
            args(w, s.filters());
            section(w, s.actions());
            int[] body = new int[w.size() + 1];
            body[0] = 4 * body.length;
            for (int i = 0; i < w.size(); i++) {
                body[i + 1] = w.get(i);
            }
            bodies.add(body);
        }
        int n = selectors.length;
        List<Integer> out = new ArrayList<>();
        out.add(n);
        int start = 4 + 4 * n;
        for (int i = 0; i < n; i++) {
            out.add(start - (4 + 4 * i));
            start += 4 * bodies.get(i).length;
        }
        bodies.forEach(b -> {
            for (int v : b) {
                out.add(v);
            }
        });
        ByteBuffer buf = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        out.forEach(buf::putInt);
        return buf.array();
    }

    private static void section(List<Integer> w, int[] body) {
        w.add(4 + 4 * body.length);
        for (int v : body) {
            w.add(v);
        }
    }

    private static void args(List<Integer> w, List<int[]> filters) {
        int len = 24;
        for (int[] f : filters) {
            len += 4 * f.length;
        }
        w.add(len);
        int off = 24;
        for (int i = 0; i < 5; i++) {
            if (i < filters.size()) {
                w.add(off);
                off += 4 * filters.get(i).length;
            } else {
                w.add(0);
            }
        }
        for (int[] f : filters) {
            for (int v : f) {
                w.add(v);
            }
        }
    }

    static byte[] hex(String hex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i + 1 < hex.length(); i += 2) {
            out.write(Integer.parseInt(hex.substring(i, i + 2), 16));
        }
        byte[] b = new byte[4096];
        byte[] a = out.toByteArray();
        System.arraycopy(a, 0, b, 0, a.length);
        return b;
    }
}
