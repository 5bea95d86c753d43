package dev.tpc.encode;

import dev.tpc.lower.Bytes;

/**
 * Tetragon's string-equality keys ({@code ArgStringSelectorValue} / BPF {@code string_padded_len}).
 * A value of length s is padded: up to 144 bytes to the next multiple of 24, key
 * {@code [s:u8][bytes][zeros]}; longer values to 256, 512, 1024, 2048 or 4096 bytes, key
 * {@code [s:u16 LE][bytes][zeros]}. The key size selects one of 11 buckets ({@code string_maps_0..10}).
 * Below 5.11 only buckets 0..7 exist and bucket 7 holds values up to 510 bytes in a 512-byte key.
 */
final class StringKeys {
    static final int BUCKETS = 11;
    private static final int INC = 24;
    private static final int[] KEY_SIZES = {25, 49, 73, 97, 121, 145, 258, 514, 1026, 2050, 4098};
    private static final int KEY_SIZE_7_SMALL = 512;

    private StringKeys() {}

    record Key(int bucket, Bytes bytes, String error) {}

    static int keySize(int bucket, EncodingVariant v) {
        return bucket == 7 && !v.kernel511() ? KEY_SIZE_7_SMALL : KEY_SIZES[bucket];
    }

    static Key key(Bytes value, EncodingVariant v) {
        int s = value.length();
        if (s > v.maxStringLength()) {
            return new Key(-1, null, "string is too long");
        }
        if (s == 0) {
            return new Key(-1, null, "string is empty");
        }
        int padded = paddedLength(s, v);
        byte[] key;
        if (padded <= 6 * INC) {
            key = new byte[padded + 1];
            key[0] = (byte) s;
            System.arraycopy(value.toArray(), 0, key, 1, s);
        } else {
            key = new byte[padded + 2];
            key[0] = (byte) (s & 0xff);
            key[1] = (byte) (s >>> 8);
            System.arraycopy(value.toArray(), 0, key, 2, s);
        }
        for (int b = 0; b < v.stringBuckets(); b++) {
            if (keySize(b, v) == key.length) {
                return new Key(b, Bytes.of(key), null);
            }
        }
        return new Key(-1, null, "no string bucket for " + key.length + "-byte keys");
    }

    static int paddedLength(int s, EncodingVariant v) {
        if (s <= 6 * INC) {
            return s % INC == 0 ? s : (s / INC + 1) * INC;
        }
        if (s <= 256) {
            return 256;
        }
        if (v.kernel511()) {
            if (s <= 512) {
                return 512;
            }
            if (s <= 1024) {
                return 1024;
            }
            return s <= 2048 ? 2048 : 4096;
        }
        return KEY_SIZE_7_SMALL - 2;
    }

    /** Inverse of {@link #key}: the value a key holds (for the decoder and tests). */
    static Bytes value(Bytes key) {
        byte[] k = key.toArray();
        if (k.length <= 6 * INC + 1) {
            int s = k[0] & 0xff;
            return Bytes.of(k, 1, 1 + Math.min(s, k.length - 1));
        }
        int s = (k[0] & 0xff) | (k[1] & 0xff) << 8;
        return Bytes.of(k, 2, 2 + Math.min(s, k.length - 2));
    }
}
