package dev.tpc.encode;

import dev.tpc.target.Availability;
import dev.tpc.target.Feature;
import dev.tpc.target.KernelVersion;
import dev.tpc.target.TargetProfile;

/**
 * The kernel facts that change Tetragon's encoding or its acceptance by the encoder. A target
 * profile maps onto this with one small function; nothing else of the profile matters here.
 *
 * @param largePrograms BPF programs up to 1M instructions (about 5.3): more matchArgs and
 *                      matchNamespaces per selector, 8/16-bit types, GT/LT, Prefix/Postfix binaries
 * @param kernel54      at least 5.4: string Equal values up to 510 bytes instead of 144
 * @param kernel59      at least 5.9: inner maps of one outer map may differ in size
 * @param kernel511     at least 5.11: string buckets 8..10 exist (values up to 4096 bytes), bucket 7's key is 514 bytes
 * @param kernel61      at least 6.1: Tetragon loads its {@code _v61} objects
 */
public record EncodingVariant(boolean largePrograms, boolean kernel54, boolean kernel59, boolean kernel511,
                              boolean kernel61) {

    /** The variant of a kernel version {@code major.minor[...]} with large programs from 5.3 on. */
    public static EncodingVariant forKernel(String version) {
        int[] v = parse(version);
        return new EncodingVariant(atLeast(v, 5, 3), atLeast(v, 5, 4), atLeast(v, 5, 9), atLeast(v, 5, 11),
                atLeast(v, 6, 1));
    }

    /**
     * The variant of a target profile: large programs and Tetragon's v5.11/v6.1 program gates
     * from the profile's features (the kernel version when a feature is not stated).
     */
    public static EncodingVariant of(TargetProfile profile) {
        KernelVersion k = profile.kernel();
        int[] v = {k.major(), k.minor()};
        return new EncodingVariant(
                fact(profile, Feature.LARGE_PROGRAMS, atLeast(v, 5, 3)),
                atLeast(v, 5, 4),
                atLeast(v, 5, 9),
                fact(profile, Feature.V511_PROGRAMS, atLeast(v, 5, 11)),
                fact(profile, Feature.V61_PROGRAMS, atLeast(v, 6, 1)));
    }

    private static boolean fact(TargetProfile profile, Feature f, boolean byVersion) {
        Availability a = profile.has(f);
        return a == Availability.UNKNOWN ? byVersion : a == Availability.YES;
    }

    /** Which of Tetragon's object builds would load the hook (see the reference, §4.2). */
    public ObjectVariant objectVariant() {
        if (kernel61) {
            return ObjectVariant.V61;
        }
        if (kernel511) {
            return ObjectVariant.V511;
        }
        return largePrograms ? ObjectVariant.V53 : ObjectVariant.SMALL;
    }

    /** Largest string Equal value in bytes. */
    public int maxStringLength() {
        return kernel511 ? 4096 : kernel54 ? 510 : 144;
    }

    /** Number of string hash-map buckets (string_maps_0..N-1). */
    public int stringBuckets() {
        return kernel511 ? 11 : 8;
    }

    public enum ObjectVariant { SMALL, V53, V511, V61 }

    private static boolean atLeast(int[] v, int major, int minor) {
        return v[0] > major || (v[0] == major && v[1] >= minor);
    }

    private static int[] parse(String version) {
        String[] parts = version.strip().split("[.\\-+]", 3);
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
            return new int[] {major, minor};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a kernel version: " + version, e);
        }
    }
}
