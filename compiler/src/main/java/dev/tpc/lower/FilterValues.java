package dev.tpc.lower;

import java.util.List;

/**
 * The values of one matchArgs/matchData/matchReturnArgs filter, already parsed the way Tetragon
 * parses them for the filter's operator and argument type. Numbers are kept as raw bits
 * (two's complement in a {@code long}); signedness is a property of the shape.
 */
public sealed interface FilterValues {

    /** Equal/NotEqual/GT/LT/Mask on integer and capability types, FileType: each value {@code width} bytes. */
    record Ints(List<Long> values, int width) implements FilterValues {
        public Ints {
            values = List.copyOf(values);
            if (width != 4 && width != 8) {
                throw new IllegalArgumentException("width must be 4 or 8");
            }
        }
    }

    /** Equal/NotEqual on string-like types: the string hash-map keys, before bucketing. */
    record Strings(List<Bytes> values) implements FilterValues {
        public Strings {
            values = List.copyOf(values);
        }
    }

    /** Prefix/NotPrefix: one LPM trie keyed by the bytes. */
    record Prefixes(List<Bytes> values) implements FilterValues {
        public Prefixes {
            values = List.copyOf(values);
        }
    }

    /** Postfix/NotPostfix: one LPM trie keyed by the reversed bytes. */
    record Postfixes(List<Bytes> values) implements FilterValues {
        public Postfixes {
            values = List.copyOf(values);
        }
    }

    /**
     * InMap/NotInMap and SPort/DPort/NotSPort/NotDPort/Protocol/Family/State: the members of one
     * u64-keyed hash map. {@code signedRanges} says how ranges are ordered (Tetragon swaps the ends
     * of a reversed range, comparing signed or unsigned by type).
     */
    record ValueSet(List<Item> items, boolean signedRanges) implements FilterValues {
        public ValueSet {
            items = List.copyOf(items);
        }
    }

    /** A member of a {@link ValueSet}. */
    sealed interface Item {}

    /** One key. */
    record Single(long value) implements Item {}

    /** {@code lo:hi}, every value in between is a key (ends included, in either order). */
    record Range(long lo, long hi) implements Item {
        /** The range with its ends in order, as Tetragon swaps them (signed or unsigned order). */
        public Range ordered(boolean signed) {
            boolean swap = signed ? lo > hi : Long.compareUnsigned(lo, hi) > 0;
            return swap ? new Range(hi, lo) : this;
        }
    }

    /** {@code list:NAME}, expanded offline (a {@code syscalls} list: syscall numbers for the target ABI). */
    record ListMembers(String list, List<Long> values) implements Item {
        public ListMembers {
            values = List.copyOf(values);
        }
    }

    /**
     * {@code list:NAME} whose members only the node can compute (a {@code generated_syscalls} list is
     * read from the node's BTF). The map is filled at load time.
     */
    record NodeList(String list, String type) implements Item {}

    /** SAddr/DAddr/NotSAddr/NotDAddr: addresses and CIDRs. */
    record Addresses(List<Cidr> values) implements FilterValues {
        public Addresses {
            values = List.copyOf(values);
        }
    }

    /** An IPv4 (4 bytes) or IPv6 (16 bytes) address in network order, with its prefix length in bits. */
    record Cidr(Bytes address, int prefixLength) {
        public boolean isV4() {
            return address.length() == 4;
        }
    }

    /** InRange/NotInRange: (min, max) pairs of {@code width} bytes each. */
    record Ranges(List<Bound> values, int width) implements FilterValues {
        public Ranges {
            values = List.copyOf(values);
        }
    }

    record Bound(long min, long max) {}

    /** SPortPriv/DPortPriv and their negations take no values. */
    record None() implements FilterValues {}

    /** CapabilitiesGained: the position of the old-capabilities argument. */
    record SecondArg(int position) implements FilterValues {}

    /** SubString/SubStringIgnCase (string and char_buf only; other types encode no values). */
    record Substrings(List<Bytes> values) implements FilterValues {
        public Substrings {
            values = List.copyOf(values);
        }
    }

    /** CelExpr: Tetragon compiles it to BPF instructions; tpc cannot encode it. */
    record CelExpression(String expression) implements FilterValues {}
}
