package dev.tpc.workload.lowering;

import dev.tpc.testing.Skip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.SourceSpan;
import dev.tpc.scenario.model.CallArg;
import dev.tpc.scenario.model.Setup;
import dev.tpc.scenario.model.Setup.Principal;
import dev.tpc.scenario.model.Workload;
import dev.tpc.scenario.model.Workload.Call;
import dev.tpc.target.Arch;
import dev.tpc.workload.Constants;
import dev.tpc.workload.SyscallCatalog;
import dev.tpc.workload.WorkloadResult;
import dev.tpc.workload.WorkloadResult.CallResult;
import dev.tpc.workload.WorkloadResult.Exited;
import dev.tpc.workload.WorkloadSpec;
import dev.tpc.workload.WorkloadUnavailableException;
import dev.tpc.workload.Workloads;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepLoweringTest {
    private static final SourceSpan S = new SourceSpan("t.tps", 3, 5, 3, 9);

    @TempDir
    Path scratch;

    private StepContext ctx(Setup setup) {
        return new StepContext(scratch, setup, Optional.empty(), Duration.ofSeconds(10), scratch.resolve("out"), scratch.resolve("err"));
    }

    private static Setup env(Map<String, String> env) {
        return new Setup(List.of(), List.of(), env, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Call call(String name, CallArg... args) {
        return call(name, Optional.empty(), args);
    }

    private static Call call(String name, Optional<String> binds, CallArg... args) {
        int nr = SyscallCatalog.number(name, Arch.X86_64).orElseThrow();
        return new Call(name, nr, List.of(args), binds, List.of(), S);
    }

    private static CallArg.Int n(long v) {
        return new CallArg.Int(v, Long.toString(v), S);
    }

    private static CallArg.Int c(String name) {
        return new CallArg.Int(Constants.value(name).orElseThrow(), name, S);
    }

    private WorkloadSpec ready(Workload w, StepContext ctx) {
        Lowering l = StepLowering.lower(w, ctx);
        if (l instanceof Lowering.Refused r) {
            throw new AssertionError("refused: " + r.message());
        }
        return ((Lowering.Ready) l).spec();
    }

    private String refused(Workload w, StepContext ctx) {
        Lowering.Refused r = assertInstanceOf(Lowering.Refused.class, StepLowering.lower(w, ctx));
        return r.message();
    }

    @Test
    void aBareCommandIsFoundInThePathOfTheStepAndScratchIsExpanded() throws Exception {
        Path bin = Files.createDirectory(scratch.resolve("bin"));
        Path tool = bin.resolve("tool");
        Files.writeString(tool, "#!/bin/sh\n");
        tool.toFile().setExecutable(true);
        WorkloadSpec s = ready(new Workload.Command(List.of("tool", "${scratch}/f"), false, S),
                ctx(env(Map.of("PATH", "${scratch}/nothing:${scratch}/bin", "HOME", "${scratch}"))));
        assertEquals(new WorkloadSpec.Exec(tool.toString(), List.of("tool", scratch + "/f")), s.action());
        assertEquals(Map.of("PATH", scratch + "/nothing:" + scratch + "/bin", "HOME", scratch.toString()), s.env());
        assertEquals(scratch, s.cwd());
        // without PATH: /usr/bin:/bin
        WorkloadSpec cat = ready(new Workload.Command(List.of("cat"), false, S), ctx(Setup.empty()));
        assertTrue(((WorkloadSpec.Exec) cat.action()).path().matches("/(usr/)?bin/cat"), cat.action().toString());
        assertTrue(refused(new Workload.Command(List.of("no-such-tool-anywhere"), false, S), ctx(Setup.empty()))
                .contains("command \"no-such-tool-anywhere\" not found in PATH=/usr/bin:/bin"));
    }

    @Test
    void aShellCommandIsOneScriptForBinSh() {
        WorkloadSpec s = ready(new Workload.Command(List.of("echo ${scratch} > x"), true, S), ctx(Setup.empty()));
        assertEquals(new WorkloadSpec.Exec("/bin/sh", List.of("/bin/sh", "-c", "echo " + scratch + " > x")), s.action());
    }

    @Test
    void everyKindOfArgumentIsLowered() {
        Workload.Calls w = new Workload.Calls(List.of(
                call("openat", Optional.of("fd"), c("AT_FDCWD"), new CallArg.Str("${scratch}/f", S), c("O_RDONLY"), n(0)),
                call("read", new CallArg.Ref("fd", S), new CallArg.Buffer(32, S), n(32)),
                call("write", n(1), new CallArg.Bytes(new byte[] {1, 2}, S), n(2)),
                call("write", n(1), new CallArg.Str("${scratch}", S), n(3)),
                call("execve", new CallArg.Str("/bin/true", S), new CallArg.StringArray(List.of("true", "${scratch}"), S),
                        new CallArg.StringArray(List.of(), S)),
                call("kill", new CallArg.OwnPid(S), c("SIGKILL")),
                call("connect", new CallArg.Ref("fd", S), new CallArg.Unix("${scratch}/s", S), n(110))), S);
        List<WorkloadSpec.SyscallOp> ops = ((WorkloadSpec.Syscalls) ready(w, ctx(Setup.empty())).action()).calls();
        assertEquals(257, ops.get(0).number());
        assertEquals(new WorkloadSpec.Int(-100), ops.get(0).args().get(0));
        assertArrayEquals((scratch + "/f").getBytes(StandardCharsets.UTF_8), ((WorkloadSpec.CString) ops.get(0).args().get(1)).bytes());
        assertEquals(List.of(new WorkloadSpec.Result(0), new WorkloadSpec.OutBuffer(32), new WorkloadSpec.Int(32)), ops.get(1).args());
        assertArrayEquals(new byte[] {1, 2}, ((WorkloadSpec.InBuffer) ops.get(2).args().get(1)).bytes());
        assertArrayEquals(scratch.toString().getBytes(StandardCharsets.UTF_8), ((WorkloadSpec.InBuffer) ops.get(3).args().get(1)).bytes());
        WorkloadSpec.StringVector argv = (WorkloadSpec.StringVector) ops.get(4).args().get(1);
        assertEquals(List.of("true", scratch.toString()), argv.values().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
        assertEquals(List.of(new WorkloadSpec.OwnPid(), new WorkloadSpec.Int(9)), ops.get(5).args());
        byte[] un = ((WorkloadSpec.InBuffer) ops.get(6).args().get(1)).bytes();
        assertEquals(110, un.length);
        assertEquals(1, un[0]);
        assertEquals(0, un[1]);
    }

    @Test
    void aStepCanOnlyAimAtItsOwnProcess() {
        for (long pid : List.of(1L, -1L, 1234L)) {
            String why = refused(new Workload.Calls(List.of(call("kill", n(pid), c("SIGKILL"))), S), ctx(Setup.empty()));
            assertEquals("kill argument 1 (pid) may only be self (or 0): a step never aims at another process", why);
        }
        assertTrue(refused(new Workload.Calls(List.of(call("tgkill", new CallArg.OwnPid(S), n(77), n(9))), S), ctx(Setup.empty()))
                .startsWith("tgkill argument 2 (tid)"));
        assertTrue(refused(new Workload.Calls(List.of(call("ptrace", c("PTRACE_ATTACH"), new CallArg.Ref("x", S), n(0), n(0))), S),
                ctx(Setup.empty())).startsWith("ptrace argument 2 (pid) may only be self"));
        ready(new Workload.Calls(List.of(call("kill", n(0), n(0)), call("getpgid", n(0))), S), ctx(Setup.empty()));
    }

    @Test
    void mistakesAreRefusedWithWhereAndWhy() {
        Lowering.Refused r = assertInstanceOf(Lowering.Refused.class, StepLowering.lower(
                new Workload.Calls(List.of(call("read", new CallArg.Ref("later", S), new CallArg.Buffer(1, S), n(1))), S), ctx(Setup.empty())));
        assertEquals("read argument 1 (fd): no earlier call of the step is bound to \"later\"", r.message());
        assertEquals(S, r.span());
        assertEquals("close takes 1 argument, not 2",
                refused(new Workload.Calls(List.of(call("close", n(1), n(2))), S), ctx(Setup.empty())));
        assertEquals("openat argument 2 (path) takes a path, not a buffer", refused(new Workload.Calls(List.of(
                call("openat", n(0), new CallArg.Buffer(1, S), n(0), n(0))), S), ctx(Setup.empty())));
        assertTrue(refused(new Workload.Calls(List.of(new Call("reboot", 169, List.of(), Optional.empty(), List.of(), S)), S),
                ctx(Setup.empty())).startsWith("reboot is not a call a step may make"));
        assertTrue(refused(new Workload.Calls(List.of(call("connect", n(3), new CallArg.Inet("localhost", 80, S), n(16))), S),
                ctx(Setup.empty())).contains("is not an IPv4 or IPv6 address literal"));
        assertTrue(refused(new Workload.Calls(List.of(call("connect", n(3), new CallArg.Unix("/" + "x".repeat(107), S), n(110))), S),
                ctx(Setup.empty())).contains("longer than 107 bytes"));
    }

    @Test
    void socketAddressesAreTheKernelsBytes() {
        HexFormat h = HexFormat.of();
        assertEquals("0200" + "1f90" + "7f000001" + "0000000000000000", h.formatHex(SocketAddresses.inet("127.0.0.1", 8080).orElseThrow()));
        assertEquals("0a00" + "01bb" + "00000000" + "00000000000000000000000000000001" + "00000000",
                h.formatHex(SocketAddresses.inet("::1", 443).orElseThrow()));
        assertEquals("20010db8000000000000000000000001", h.formatHex(SocketAddresses.ipv6("2001:db8::1").orElseThrow()));
        assertEquals("00000000000000000000ffffc0000201", h.formatHex(SocketAddresses.ipv6("::ffff:192.0.2.1").orElseThrow()));
        assertEquals("00010002000300040005000600070008", h.formatHex(SocketAddresses.ipv6("1:2:3:4:5:6:7:8").orElseThrow()));
        assertEquals("00000000000000000000000000000000", h.formatHex(SocketAddresses.ipv6("::").orElseThrow()));
        assertEquals("fe800000000000000000000000000000", h.formatHex(SocketAddresses.ipv6("fe80::").orElseThrow()));
        assertEquals(28, SocketAddresses.inet("[::1]", 1).orElseThrow().length);
        for (String bad : List.of("1.2.3", "1.2.3.256", "01.2.3.4", "1:2:3:4:5:6:7", "1::2::3", "1:2:3:4:5:6:7:8:9", "::1%eth0",
                "12345::", "example.com", "", ":")) {
            assertTrue(SocketAddresses.inet(bad, 1).isEmpty(), bad);
        }
        assertTrue(SocketAddresses.inet("127.0.0.1", 65536).isEmpty());
        assertEquals("0100" + h.formatHex("abc".getBytes(StandardCharsets.UTF_8)) + "00".repeat(105),
                h.formatHex(SocketAddresses.unix("abc").orElseThrow()));
        assertEquals("0100" + "00" + h.formatHex("abc".getBytes(StandardCharsets.UTF_8)), h.formatHex(SocketAddresses.unix("@abc").orElseThrow()));
    }

    @Test
    void usersAndGroupsAreLookedUpByName() throws Exception {
        Path passwd = Files.writeString(scratch.resolve("passwd"), "root:x:0:0::/root:/bin/sh\nalice:x:1001:2002::/h:/bin/sh\n");
        Path group = Files.writeString(scratch.resolve("group"), "root:x:0:\nstaff:x:50:\n");
        StepLowering lowering = new StepLowering(new Principals(passwd, group));
        Workload w = new Workload.Calls(List.of(call("getuid")), S);
        Setup alice = new Setup(List.of(), List.of(), Map.of(), Optional.of(new Principal("alice", Optional.empty(), S)),
                Optional.empty(), Optional.of("sub"));
        WorkloadSpec s = ((Lowering.Ready) lowering.lowerStep(w, ctx(alice))).spec();
        assertEquals(Optional.of(1001), s.uid());
        assertEquals(Optional.of(2002), s.gid(), "the user's primary group");
        assertEquals(scratch.resolve("sub"), s.cwd());
        Setup staff = new Setup(List.of(), List.of(), Map.of(), Optional.of(new Principal("4242", Optional.of(4242), S)),
                Optional.of(new Principal("staff", Optional.empty(), S)), Optional.empty());
        s = ((Lowering.Ready) lowering.lowerStep(w, ctx(staff))).spec();
        assertEquals(Optional.of(4242), s.uid());
        assertEquals(Optional.of(50), s.gid());
        Setup numericOnly = new Setup(List.of(), List.of(), Map.of(), Optional.of(new Principal("4242", Optional.of(4242), S)),
                Optional.empty(), Optional.empty());
        assertEquals(Optional.empty(), ((Lowering.Ready) lowering.lowerStep(w, ctx(numericOnly))).spec().gid());
        Setup bob = new Setup(List.of(), List.of(), Map.of(), Optional.of(new Principal("bob", Optional.empty(), S)),
                Optional.empty(), Optional.empty());
        Lowering.Refused r = assertInstanceOf(Lowering.Refused.class, lowering.lowerStep(w, ctx(bob)));
        assertEquals("no user \"bob\" in " + passwd, r.message());
    }

    /** The sockaddr bytes for real: the step connects to listeners of this JVM, over unix, IPv4 and IPv6. */
    @Test
    void loweredStepsConnectForReal() throws Exception {
        try {
            Workloads.helperBinary();
        } catch (WorkloadUnavailableException e) {
            Skip.because(Skip.Kind.BPF, "no workload helper: " + e.getMessage());
        }
        Path sock = scratch.resolve("s.sock");
        try (ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             ServerSocketChannel v4 = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            unix.bind(UnixDomainSocketAddress.of(sock));
            v4.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = ((InetSocketAddress) v4.getLocalAddress()).getPort();
            Workload w = new Workload.Calls(List.of(
                    call("socket", Optional.of("u"), c("AF_UNIX"), c("SOCK_STREAM"), n(0)),
                    call("connect", new CallArg.Ref("u", S), new CallArg.Unix("${scratch}/s.sock", S), n(110)),
                    call("socket", Optional.of("t"), c("AF_INET"), c("SOCK_STREAM"), n(0)),
                    call("connect", new CallArg.Ref("t", S), new CallArg.Inet("127.0.0.1", port, S), n(16)),
                    call("connect", new CallArg.Ref("u", S), new CallArg.Unix("${scratch}/absent.sock", S), n(110))), S);
            WorkloadResult r = Workloads.run(ready(w, ctx(Setup.empty())));
            assertEquals(new Exited(0), r.fate(), r.stderr());
            assertEquals(new CallResult(1, 0, 0), r.calls().get(1), "connected over unix");
            assertEquals(new CallResult(3, 0, 0), r.calls().get(3), "connected over IPv4");
            assertEquals(4, r.calls().get(4).index());
            assertEquals(-1, r.calls().get(4).ret(), "a connected socket cannot connect again");
        }
        ServerSocketChannel v6;
        try {
            v6 = ServerSocketChannel.open(StandardProtocolFamily.INET6);
            v6.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        } catch (Exception e) {
            System.out.println("SKIPPED (IPv6 part): no ::1 here: " + e);
            return;
        }
        try (v6) {
            int port = ((InetSocketAddress) v6.getLocalAddress()).getPort();
            Workload w = new Workload.Calls(List.of(
                    call("socket", Optional.of("t"), c("AF_INET6"), c("SOCK_STREAM"), n(0)),
                    call("connect", new CallArg.Ref("t", S), new CallArg.Inet("::1", port, S), n(28))), S);
            WorkloadResult r = Workloads.run(ready(w, ctx(Setup.empty())));
            assertEquals(new CallResult(1, 0, 0), r.calls().get(1), "connected over IPv6");
        }
    }
}
