package dev.tpc.encode;

import dev.tpc.diag.SourceSpan;
import dev.tpc.lower.Bytes;
import dev.tpc.lower.FilterValues;
import dev.tpc.lower.NodeFact;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The inner maps one selector state allocates, with Tetragon's ID order: a list per outer map,
 * the ID of an inner map being its position in that list.
 */
final class SelectorMaps {
    /** Keys tpc is willing to expand from InMap ranges for one hook; Tetragon has no limit. */
    static final long MAX_VALUE_KEYS = 1L << 20;
    static final int BINARY_PATH_MAX_LEN = 256;
    static final int PREFIX_DATA = 256;
    static final int POSTFIX_DATA = 128;
    static final int SUBSTRING_LEN = 100;
    static final int MAX_SUBSTRINGS = 100;
    static final long NO_MAP = 0xFFFF_FFFFL;

    private final EncodingVariant variant;
    final List<Set<Bytes>> valueMaps = new ArrayList<>();
    final List<Set<Bytes>> addr4Maps = new ArrayList<>();
    final List<Set<Bytes>> addr6Maps = new ArrayList<>();
    final List<List<Set<Bytes>>> stringMaps;
    final List<Set<Bytes>> prefixMaps;
    final List<Set<Bytes>> postfixMaps;
    /** Where this state's maps start in lists shared with other hooks (kprobe_multi layout). */
    private final int[] stringStart = new int[StringKeys.BUCKETS];
    private final int prefixStart;
    private final int postfixStart;
    final Map<Integer, long[]> binaryOptions = new TreeMap<>();
    final Map<Integer, Set<Bytes>> binaryPaths = new TreeMap<>();
    final List<Bytes> substrings = new ArrayList<>();
    final List<PatchSite> patches = new ArrayList<>();
    private long valueKeys;

    SelectorMaps(EncodingVariant variant, SharedMaps shared) {
        this.variant = variant;
        this.stringMaps = shared.stringMaps;
        this.prefixMaps = shared.prefixMaps;
        this.postfixMaps = shared.postfixMaps;
        for (int b = 0; b < StringKeys.BUCKETS; b++) {
            stringStart[b] = stringMaps.get(b).size();
        }
        this.prefixStart = prefixMaps.size();
        this.postfixStart = postfixMaps.size();
    }

    /**
     * The string, prefix and postfix map lists. Tetragon keeps them per hook, except in its
     * kprobe_multi layout where every kprobe of the policy appends to the same lists.
     */
    static final class SharedMaps {
        final List<List<Set<Bytes>>> stringMaps = new ArrayList<>();
        final List<Set<Bytes>> prefixMaps = new ArrayList<>();
        final List<Set<Bytes>> postfixMaps = new ArrayList<>();

        SharedMaps() {
            for (int b = 0; b < StringKeys.BUCKETS; b++) {
                stringMaps.add(new ArrayList<>());
            }
        }
    }

    /** InMap/NotInMap and the port/protocol operators: one u64-keyed hash map. */
    int valueMap(FilterValues.ValueSet set, SourceSpan span) {
        Set<Bytes> keys = new TreeSet<>();
        int id = valueMaps.size();
        valueMaps.add(keys);
        for (FilterValues.Item item : set.items()) {
            if (item instanceof FilterValues.Single s) {
                addKey(keys, s.value(), span);
            } else if (item instanceof FilterValues.Range r) {
                FilterValues.Range ordered = r.ordered(set.signedRanges());
                long lo = ordered.lo();
                long hi = ordered.hi();
                long count = hi - lo + 1;
                if (count == 0 || Long.compareUnsigned(count, MAX_VALUE_KEYS) > 0 || valueKeys + count > MAX_VALUE_KEYS) {
                    throw new EncodingFailure("range " + r.lo() + ":" + r.hi() + " expands to more than " + MAX_VALUE_KEYS
                            + " map keys (Tetragon writes one key per value); use InRange instead", span);
                }
                for (long i = 0; i < count; i++) {
                    addKey(keys, lo + i, span);
                }
            } else if (item instanceof FilterValues.ListMembers l) {
                for (long v : l.values()) {
                    addKey(keys, v, span);
                }
            } else if (item instanceof FilterValues.NodeList l) {
                throw new EncodingFailure("list '" + l.list() + "' (" + l.type() + ") is generated on the node and cannot"
                        + " be expanded offline", span);
            }
        }
        return id;
    }

    private void addKey(Set<Bytes> keys, long v, SourceSpan span) {
        if (keys.add(Bytes.of(le64(v)))) {
            valueKeys++;
            if (valueKeys > MAX_VALUE_KEYS) {
                throw new EncodingFailure("more than " + MAX_VALUE_KEYS + " InMap keys in one hook", span);
            }
        }
    }

    /** Returns the v4 and v6 map IDs, 0xffffffff for a family without addresses. */
    long[] addressMaps(List<FilterValues.Cidr> cidrs) {
        Set<Bytes> v4 = new TreeSet<>();
        Set<Bytes> v6 = new TreeSet<>();
        for (FilterValues.Cidr c : cidrs) {
            ByteBuffer key = ByteBuffer.allocate(4 + c.address().length()).order(ByteOrder.LITTLE_ENDIAN);
            key.putInt(c.prefixLength());
            key.put(c.address().toArray());
            (c.isV4() ? v4 : v6).add(Bytes.of(key.array()));
        }
        long id4 = NO_MAP;
        long id6 = NO_MAP;
        if (!v4.isEmpty()) {
            id4 = addr4Maps.size();
            addr4Maps.add(v4);
        }
        if (!v6.isEmpty()) {
            id6 = addr6Maps.size();
            addr6Maps.add(v6);
        }
        return new long[] {id4, id6};
    }

    /** String Equal/NotEqual: values spread over the length buckets; returns the 11 map IDs. */
    long[] stringMaps(List<Bytes> values, SourceSpan span) {
        List<Set<Bytes>> perBucket = new ArrayList<>();
        for (int b = 0; b < StringKeys.BUCKETS; b++) {
            perBucket.add(new TreeSet<>());
        }
        for (Bytes v : values) {
            StringKeys.Key key = StringKeys.key(v, variant);
            if (key.error() != null) {
                throw new EncodingFailure("parseMatchArgs  error: writeMatchStrings error: MatchArgs value " + v.utf8()
                        + " invalid: " + key.error(), span);
            }
            perBucket.get(key.bucket()).add(key.bytes());
        }
        long[] ids = new long[StringKeys.BUCKETS];
        for (int b = 0; b < StringKeys.BUCKETS; b++) {
            if (perBucket.get(b).isEmpty()) {
                ids[b] = NO_MAP;
            } else {
                ids[b] = stringMaps.get(b).size();
                stringMaps.get(b).add(perBucket.get(b));
            }
        }
        return ids;
    }

    int prefixMap(List<Bytes> values, SourceSpan span, String selector) {
        Set<Bytes> keys = new TreeSet<>();
        int id = prefixMaps.size();
        prefixMaps.add(keys);
        for (Bytes v : values) {
            if (v.length() > PREFIX_DATA) {
                throw new EncodingFailure(selector + " value " + v.utf8() + " invalid: string is longer than "
                        + PREFIX_DATA + " characters", span);
            }
            ByteBuffer key = ByteBuffer.allocate(4 + PREFIX_DATA).order(ByteOrder.LITTLE_ENDIAN);
            key.putInt(v.length() * 8);
            key.put(v.toArray());
            keys.add(Bytes.of(key.array()));
        }
        return id;
    }

    /** Postfix keys hold the value reversed; lowering already trimmed trailing NULs where Tetragon does. */
    int postfixMap(List<Bytes> values, boolean args, SourceSpan span, String selector) {
        Set<Bytes> keys = new TreeSet<>();
        int id = postfixMaps.size();
        postfixMaps.add(keys);
        for (Bytes v : values) {
            if (v.length() >= POSTFIX_DATA) {
                throw new EncodingFailure(selector + " value " + v.utf8() + " invalid: string is longer than "
                        + (POSTFIX_DATA - 1) + " characters", span);
            }
            byte[] raw = v.toArray();
            ByteBuffer key = ByteBuffer.allocate(4 + POSTFIX_DATA).order(ByteOrder.LITTLE_ENDIAN);
            key.putInt(raw.length * 8);
            for (int i = raw.length - 1; i >= 0; i--) {
                key.put(raw[i]);
            }
            keys.add(Bytes.of(key.array()));
        }
        return id;
    }

    void binaryPaths(int key, List<Bytes> paths) {
        Set<Bytes> set = binaryPaths.computeIfAbsent(key, k -> new TreeSet<>());
        for (Bytes p : paths) {
            byte[] padded = new byte[BINARY_PATH_MAX_LEN];
            System.arraycopy(p.toArray(), 0, padded, 0, p.length());
            set.add(Bytes.of(padded));
        }
    }

    /** tg_mb_sel_opts value {op, map_id, mbset_id}; a followChildren set id is the agent's. */
    void binaryOptions(int key, int op, int mapId, boolean followChildren) {
        binaryOptions.put(key, new long[] {op, mapId, followChildren ? 0 : NO_MAP});
        if (followChildren) {
            patches.add(new PatchSite(new NodeFact.MatchBinariesSetId(), PatchSite.Region.MB_SEL_OPTS_VALUE, key, 8, 4));
        }
    }

    int substring(Bytes v, SourceSpan span) {
        int id = substrings.size();
        if (id >= MAX_SUBSTRINGS) {
            throw new EncodingFailure("substring error: Only " + MAX_SUBSTRINGS + " substrings allowed", span);
        }
        if (v.length() >= SUBSTRING_LEN) {
            throw new EncodingFailure("substring error: Substring is bigger than 100 chars (" + v.length() + ") "
                    + v.utf8(), span);
        }
        substrings.add(v);
        return id;
    }

    /** Every non-empty map, in a fixed order. */
    List<MapContents> contents(MapContents.Side side) {
        List<MapContents> out = new ArrayList<>();
        Bytes one = Bytes.of(new byte[] {1});
        addAll(out, side, "argfilter_maps", 8, valueMaps, 0, one);
        addAll(out, side, "addr4lpm_maps", 8, addr4Maps, 0, one);
        addAll(out, side, "addr6lpm_maps", 20, addr6Maps, 0, one);
        for (int b = 0; b < StringKeys.BUCKETS; b++) {
            addAll(out, side, "string_maps_" + b, StringKeys.keySize(b, variant), stringMaps.get(b), stringStart[b], one);
        }
        addAll(out, side, "string_prefix_maps", 4 + PREFIX_DATA, prefixMaps, prefixStart, one);
        addAll(out, side, "string_postfix_maps", 4 + POSTFIX_DATA, postfixMaps, postfixStart, one);
        if (!binaryOptions.isEmpty()) {
            List<MapContents.Entry> entries = new ArrayList<>();
            binaryOptions.forEach((k, v) -> {
                ByteBuffer val = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
                for (long w : v) {
                    val.putInt((int) w);
                }
                entries.add(new MapContents.Entry(Bytes.of(le32(k)), Bytes.of(val.array())));
            });
            out.add(new MapContents(side, "tg_mb_sel_opts", -1, 4, 12, entries));
        }
        binaryPaths.forEach((k, paths) -> out.add(new MapContents(side, "tg_mb_paths", k, BINARY_PATH_MAX_LEN, 1,
                paths.stream().map(p -> new MapContents.Entry(p, one)).toList())));
        if (!substrings.isEmpty()) {
            List<MapContents.Entry> entries = new ArrayList<>();
            for (int i = 0; i < substrings.size(); i++) {
                byte[] padded = new byte[SUBSTRING_LEN];
                System.arraycopy(substrings.get(i).toArray(), 0, padded, 0, substrings.get(i).length());
                entries.add(new MapContents.Entry(Bytes.of(le32(i)), Bytes.of(padded)));
            }
            out.add(new MapContents(side, "substring_map", -1, 4, SUBSTRING_LEN, entries));
        }
        return out;
    }

    private static void addAll(List<MapContents> out, MapContents.Side side, String name, int keySize,
                               List<Set<Bytes>> maps, int from, Bytes one) {
        for (int i = from; i < maps.size(); i++) {
            out.add(new MapContents(side, name, i, keySize, 1,
                    maps.get(i).stream().map(k -> new MapContents.Entry(k, one)).toList()));
        }
    }

    static byte[] le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    static byte[] le32(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
    }
}
