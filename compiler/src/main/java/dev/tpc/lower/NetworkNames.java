package dev.tpc.lower;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The symbolic values Protocol, Family and State accept ({@code IPPROTO_*}, {@code AF_*},
 * {@code TCP_*}), with the numbers of Linux that Tetragon's tables use.
 */
final class NetworkNames {
    private NetworkNames() {}

    private static final List<String> FAMILIES = List.of("AF_UNSPEC", "AF_UNIX", "AF_INET", "AF_AX25", "AF_IPX",
            "AF_APPLETALK", "AF_NETROM", "AF_BRIDGE", "AF_ATMPVC", "AF_X25", "AF_INET6", "AF_ROSE", "AF_DECnet",
            "AF_NETBEUI", "AF_SECURITY", "AF_KEY", "AF_NETLINK", "AF_PACKET", "AF_ASH", "AF_ECONET", "AF_ATMSVC",
            "AF_RDS", "", "AF_IRDA", "AF_PPPOX", "AF_WANPIPE", "AF_LLC", "AF_IB", "AF_MPLS", "AF_CAN", "AF_TIPC",
            "AF_BLUETOOTH", "AF_IUCV", "AF_RXRPC", "AF_ISDN", "AF_PHONET", "AF_IEEE802154", "AF_CAIF", "AF_ALG",
            "AF_NFC", "AF_VSOCK", "AF_KCM", "AF_QIPCRTR", "AF_SMC", "AF_XDP", "AF_MCTP");

    private static final Map<String, Integer> PROTOCOLS = Map.ofEntries(
            Map.entry("IPPROTO_IP", 0), Map.entry("IPPROTO_ICMP", 1), Map.entry("IPPROTO_IGMP", 2),
            Map.entry("IPPROTO_IPIP", 4), Map.entry("IPPROTO_TCP", 6), Map.entry("IPPROTO_EGP", 8),
            Map.entry("IPPROTO_PUP", 12), Map.entry("IPPROTO_UDP", 17), Map.entry("IPPROTO_IDP", 22),
            Map.entry("IPPROTO_TP", 29), Map.entry("IPPROTO_DCCP", 33), Map.entry("IPPROTO_IPV6", 41),
            Map.entry("IPPROTO_RSVP", 46), Map.entry("IPPROTO_GRE", 47), Map.entry("IPPROTO_ESP", 50),
            Map.entry("IPPROTO_AH", 51), Map.entry("IPPROTO_MTP", 92), Map.entry("IPPROTO_BEETPH", 94),
            Map.entry("IPPROTO_ENCAP", 98), Map.entry("IPPROTO_PIM", 103), Map.entry("IPPROTO_COMP", 108),
            Map.entry("IPPROTO_SCTP", 132), Map.entry("IPPROTO_UDPLITE", 136), Map.entry("IPPROTO_MPLS", 137),
            Map.entry("IPPROTO_ETHERNET", 143), Map.entry("IPPROTO_RAW", 255), Map.entry("IPPROTO_MPTCP", 262));

    private static final List<String> TCP_STATES = List.of("", "TCP_ESTABLISHED", "TCP_SYN_SENT", "TCP_SYN_RECV",
            "TCP_FIN_WAIT1", "TCP_FIN_WAIT2", "TCP_TIME_WAIT", "TCP_CLOSE", "TCP_CLOSE_WAIT", "TCP_LAST_ACK",
            "TCP_LISTEN", "TCP_CLOSING", "TCP_NEW_SYN_RECV");

    /** The number of a name for {@code op} (Protocol, Family, State); empty for anything else. */
    static OptionalLong number(Operator op, String name) {
        if (name.isEmpty()) {
            return OptionalLong.empty();
        }
        switch (op) {
            case PROTOCOL -> {
                Integer n = PROTOCOLS.get(name);
                return n == null ? OptionalLong.empty() : OptionalLong.of(n);
            }
            case FAMILY -> {
                int i = FAMILIES.indexOf(name);
                return i < 0 ? OptionalLong.empty() : OptionalLong.of(i);
            }
            case STATE -> {
                int i = TCP_STATES.indexOf(name);
                return i <= 0 ? OptionalLong.empty() : OptionalLong.of(i);
            }
            default -> {
                return OptionalLong.empty();
            }
        }
    }
}
