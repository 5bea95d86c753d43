package dev.tpc.lower;

import static dev.tpc.lower.LoweringTest.lower;
import static dev.tpc.lower.LoweringTest.only;
import static dev.tpc.lower.LoweringTest.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tpc.target.Arch;
import dev.tpc.target.TracepointFormat;
import dev.tpc.target.TracepointTable;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tracepoints: field indexes, auto types, hidden size fields, and Tetragon's index rewriting. */
class TracepointLoweringTest {

    private static final String FORMAT = """
            name: sys_enter_write
            ID: 700
            format:
            \tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;
            \tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;
            \tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;
            \tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;

            \tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;
            \tfield:unsigned int fd;\toffset:16;\tsize:8;\tsigned:0;
            \tfield:const char * buf;\toffset:24;\tsize:8;\tsigned:0;
            \tfield:size_t count;\toffset:32;\tsize:8;\tsigned:0;
            \tfield:pid_t pid;\toffset:40;\tsize:4;\tsigned:1;
            \tfield:char comm[16];\toffset:44;\tsize:16;\tsigned:1;
            """;

    private static LoweringTarget target() throws Exception {
        TracepointTable t = new TracepointTable("test", List.of(TracepointFormat.parse("syscalls", FORMAT)));
        return new LoweringTarget("test", Arch.X86_64, Optional.of(t));
    }

    @Test
    void autoTypesOffsetsAndHiddenSizeField() throws Exception {
        AttachPoint ap = only(lower("""
                tracepoints:
                - subsystem: syscalls
                  event: sys_enter_write
                  args:
                  - {index: 6, type: auto, sizeArgIndex: 8}
                  - {index: 5}
                  - {index: 9}
                """, target()));
        assertEquals(HookKind.TRACEPOINT, ap.kind());
        assertEquals(List.of(
                new Arg(0, Arg.Role.ARG, 6, ArgType.CHAR_BUF, 4, 24, "", Optional.empty()),
                new Arg(1, Arg.Role.ARG, 5, ArgType.UINT64, 0, 16, "", Optional.empty()),
                new Arg(2, Arg.Role.ARG, 9, ArgType.CONST_BUF, 16, 44, "", Optional.empty()),
                new Arg(3, Arg.Role.SIZE_FIELD, 7, ArgType.SIZE_T, 0, 32, "", Optional.empty())), ap.args());
    }

    @Test
    void fieldTypesTetragonCannotReadAreRefused() throws Exception {
        assertEquals("output argument syscalls/sys_enter_write[8] unsupported: Unknown type: pid_t", problem(lower("""
                tracepoints:
                - {subsystem: syscalls, event: sys_enter_write, args: [{index: 8}]}
                """, target())));
        assertEquals("output argument syscalls/sys_enter_write[6] unsupported: no metadata field for buffer", problem(lower("""
                tracepoints:
                - {subsystem: syscalls, event: sys_enter_write, args: [{index: 6}]}
                """, target())));
        assertEquals("tracepoint syscalls/sys_enter_write has 10 fields but field 10 was requested in args[0]", problem(lower("""
                tracepoints:
                - {subsystem: syscalls, event: sys_enter_write, args: [{index: 10}]}
                """, target())));
        assertEquals("tracepoint syscalls/sys_enter_read not supported: no format known for target test", problem(lower("""
                tracepoints:
                - {subsystem: syscalls, event: sys_enter_read}
                """, target())));
    }

    /**
     * Tetragon rewrites matchArgs indexes one argument at a time: an index equal to arg 0's field
     * (7 → position 0) is then equal to arg 1's field (0 → position 1). Indexes that are no field
     * index of any argument are taken as positions.
     */
    @Test
    void indexRewritingIsSequential() throws Exception {
        TracepointTable t = new TracepointTable("test", List.of(TracepointFormat.parse("syscalls", FORMAT.replace(
                "\tfield:unsigned short common_type;", "\tfield:unsigned long common_type;").replace("size:2;", "size:8;"))));
        AttachPoint ap = only(lower("""
                tracepoints:
                - subsystem: syscalls
                  event: sys_enter_write
                  args:
                  - {index: 7}
                  - {index: 0}
                  selectors:
                  - matchArgs:
                    - {index: 7, operator: Equal, values: ["1"]}
                    - {index: 1, operator: Equal, values: ["2"]}
                """, new LoweringTarget("test", Arch.X86_64, Optional.of(t))));
        List<ArgFilter> f = ap.selectors().get(0).args();
        assertEquals(List.of(1, 1), f.stream().map(ArgFilter::position).toList());
    }

    @Test
    void syscallListsInInMapCarryAbiBits() {
        AttachPoint ap = only(lower("""
                lists:
                - {name: dups, type: syscalls, values: [sys_dup, sys_dup2, __ia32_sys_dup]}
                tracepoints:
                - subsystem: raw_syscalls
                  event: sys_enter
                  args: [{index: 4, type: syscall64}]
                  selectors:
                  - matchArgs: [{index: 0, operator: InMap, values: ["list:dups"]}]
                """));
        assertEquals(new Arg(0, Arg.Role.ARG, 4, ArgType.SYSCALL64, 0, 8, "", Optional.empty()), ap.args().get(0));
        assertEquals(new FilterValues.ValueSet(List.of(new FilterValues.ListMembers("dups", List.of(32L, 33L, 0x8000_0029L))), true),
                ap.selectors().get(0).args().get(0).values());
        assertEquals("parseMatchArgs  error: writeMatchRangesInMap error: error list 'dups' argument type is not syscall64",
                problem(lower("""
                        lists:
                        - {name: dups, type: syscalls, values: [sys_dup]}
                        tracepoints:
                        - subsystem: raw_syscalls
                          event: sys_enter
                          args: [{index: 4, type: uint64}]
                          selectors:
                          - matchArgs: [{index: 0, operator: InMap, values: ["list:dups"]}]
                        """)));
        assertEquals("parseMatchArgs  error: writeMatchRangesInMap error: failed list values loading is not supported",
                problem(lower("""
                        lists:
                        - {name: dups, type: syscalls, values: [sys_dup]}
                        kprobes:
                        - call: f
                          syscall: false
                          args: [{index: 0, type: syscall64}]
                          selectors:
                          - matchArgs: [{index: 0, operator: InMap, values: ["list:dups"]}]
                        """)));
    }

    @Test
    void rawTracepointsReadArgumentsByIndex() {
        AttachPoint ap = only(lower("""
                tracepoints:
                - {subsystem: sched, event: sched_process_exec, raw: true, args: [{index: 2, type: linux_binprm}]}
                """));
        assertEquals(HookKind.RAW_TRACEPOINT, ap.kind());
        assertEquals(new Arg(0, Arg.Role.ARG, 2, ArgType.LINUX_BINPRM, 0, 0, "", Optional.empty()), ap.args().get(0));
        assertEquals("raw tracepoint sched/sched_process_exec can read up to 5 arguments, but index 6 was requested in args[0]",
                problem(lower("tracepoints:\n- {subsystem: sched, event: sched_process_exec, raw: true, args: [{index: 6, type: int}]}\n")));
    }
}
