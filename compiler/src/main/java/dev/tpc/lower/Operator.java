package dev.tpc.lower;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Selector operators with the IDs of Tetragon 1.8.13 ({@code SelectorOp*} in
 * {@code pkg/selectors/kernel.go} = {@code op_filter_*} in BPF). The first name is the canonical
 * one tpc prints; the others are the spellings Tetragon's parser also accepts (case-sensitive).
 */
public enum Operator {
    NONE(0, "None"),
    GREATER_THAN(1, "GreaterThan", "gt", "GT"),
    LESS_THAN(2, "LessThan", "lt", "LT"),
    EQUAL(3, "Equal", "eq"),
    NOT_EQUAL(4, "NotEqual", "neq"),
    IN(5, "In"),
    NOT_IN(6, "NotIn"),
    PREFIX(8, "Prefix", "prefix"),
    POSTFIX(9, "Postfix", "postfix"),
    IN_MAP(10, "InMap"),
    NOT_IN_MAP(11, "NotInMap"),
    MASK(12, "Mask", "mask"),
    SADDR(13, "SAddr", "saddr", "Saddr"),
    DADDR(14, "DAddr", "daddr", "Daddr"),
    SPORT(15, "SPort", "sport", "Sport"),
    DPORT(16, "DPort", "dport", "Dport"),
    PROTOCOL(17, "Protocol", "protocol"),
    NOT_SPORT(18, "NotSPort", "notsport", "NotSport"),
    NOT_DPORT(19, "NotDPort", "notdport", "NotDport"),
    SPORT_PRIV(20, "SPortPriv", "sportpriv", "SportPriv"),
    NOT_SPORT_PRIV(21, "NotSPortPriv", "notsportpriv", "NotSportPriv"),
    DPORT_PRIV(22, "DPortPriv", "dportpriv", "DportPriv"),
    NOT_DPORT_PRIV(23, "NotDPortPriv", "notdportpriv", "NotDportPriv"),
    NOT_SADDR(24, "NotSAddr", "notsaddr", "NotSaddr"),
    NOT_DADDR(25, "NotDAddr", "notdaddr", "NotDaddr"),
    NOT_PREFIX(26, "NotPrefix", "notprefix"),
    NOT_POSTFIX(27, "NotPostfix", "notpostfix"),
    FAMILY(28, "Family", "family"),
    STATE(29, "State", "state"),
    CAPABILITIES_GAINED(30, "CapabilitiesGained"),
    IN_RANGE(31, "InRange"),
    NOT_IN_RANGE(32, "NotInRange"),
    SUBSTRING(33, "SubString"),
    SUBSTRING_IGNCASE(34, "SubStringIgnCase"),
    CEL_EXPR(35, "CelExpr"),
    FILE_TYPE(36, "FileType"),
    NOT_FILE_TYPE(37, "NotFileType");

    private static final Map<String, Operator> BY_NAME = new HashMap<>();
    private static final Map<Integer, Operator> BY_ID = new HashMap<>();

    static {
        for (Operator o : values()) {
            BY_ID.put(o.id, o);
            if (o != NONE) {
                o.names.forEach(n -> BY_NAME.put(n, o));
            }
        }
    }

    private final int id;
    private final List<String> names;

    Operator(int id, String... names) {
        this.id = id;
        this.names = List.of(names);
    }

    public int id() {
        return id;
    }

    public String canonicalName() {
        return names.get(0);
    }

    /** An operator as Tetragon's {@code SelectorOp} parses it. */
    public static Optional<Operator> parse(String s) {
        return Optional.ofNullable(BY_NAME.get(s));
    }

    public static Optional<Operator> fromId(int id) {
        return Optional.ofNullable(BY_ID.get(id));
    }
}
