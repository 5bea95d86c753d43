package dev.tpc.vm.kernel;

import java.util.Comparator;

/**
 * Debian's version order ({@code [epoch:]upstream[-revision]}, as dpkg compares them), so that
 * "the newest kernel in the suite" means what apt means: {@code 6.1.192-3 > 6.1.192-2 > 6.1.187-1},
 * {@code 6.12.117-1 > 6.12.117-1~deb12u1}.
 */
public final class DebianVersion {
    public static final Comparator<String> ORDER = DebianVersion::compare;

    private DebianVersion() {}

    public static int compare(String a, String b) {
        Parts x = Parts.of(a);
        Parts y = Parts.of(b);
        if (x.epoch != y.epoch) {
            return Long.compare(x.epoch, y.epoch);
        }
        int c = compareFragment(x.upstream, y.upstream);
        return c != 0 ? c : compareFragment(x.revision, y.revision);
    }

    private record Parts(long epoch, String upstream, String revision) {
        static Parts of(String v) {
            long epoch = 0;
            int colon = v.indexOf(':');
            if (colon > 0 && v.substring(0, colon).chars().allMatch(Character::isDigit)) {
                epoch = Long.parseLong(v.substring(0, colon));
                v = v.substring(colon + 1);
            }
            int dash = v.lastIndexOf('-');
            return dash < 0 ? new Parts(epoch, v, "") : new Parts(epoch, v.substring(0, dash), v.substring(dash + 1));
        }
    }

    /** dpkg's verrevcmp: alternating non-digit runs (with ~ sorting before everything) and numbers. */
    private static int compareFragment(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while ((i < a.length() && !Character.isDigit(a.charAt(i))) || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
                int ca = i < a.length() && !Character.isDigit(a.charAt(i)) ? order(a.charAt(i)) : 0;
                int cb = j < b.length() && !Character.isDigit(b.charAt(j)) ? order(b.charAt(j)) : 0;
                if (ca != cb) {
                    return Integer.compare(ca, cb);
                }
                if (i < a.length() && !Character.isDigit(a.charAt(i))) {
                    i++;
                }
                if (j < b.length() && !Character.isDigit(b.charAt(j))) {
                    j++;
                }
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            int si = i;
            int sj = j;
            while (i < a.length() && Character.isDigit(a.charAt(i))) {
                i++;
            }
            while (j < b.length() && Character.isDigit(b.charAt(j))) {
                j++;
            }
            int la = i - si;
            int lb = j - sj;
            if (la != lb) {
                return Integer.compare(la, lb);
            }
            int c = a.substring(si, i).compareTo(b.substring(sj, j));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int order(char c) {
        if (Character.isLetter(c)) {
            return c;
        }
        return c == '~' ? -1 : c + 256;
    }
}
