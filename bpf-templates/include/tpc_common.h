/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Shared definitions of tpc's BPF templates: includes, per-CPU scratch layouts,
 * the .rodata specialisation and small helpers.
 *
 * Verifier budget rules followed by every template (they keep the objects
 * loadable on 5.10): bounded loops only, nothing large on the 512-byte stack
 * (strings, keys and records live in per-CPU array maps), and the heavy
 * pieces are global functions taking only scalars, so the verifier checks
 * each of them once instead of once per call site.
 */
#ifndef TPC_COMMON_H
#define TPC_COMMON_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "tpc_abi.h"
#include "tpc_vmlinux.h"

/* Global functions are verified once, with unknown scalar arguments. */
#define TPC_GLOBAL __attribute__((noinline))
#define TPC_INLINE static __always_inline

#ifndef NULL
#define NULL ((void *)0)
#endif

/*
 * Hide a value's known bounds from the compiler so it cannot fold the range
 * checks that follow; the verifier still sees the checks.
 */
#define tpc_barrier_var(v) asm volatile("" : "+r"(v))

/*
 * Clamp v to max in a way the verifier sees right at the use (a check done
 * earlier on another register copy may not carry over). Callers have already
 * rejected larger values, so the clamp never changes a value in practice.
 */
#define TPC_CLAMP(v, max) \
	asm volatile("if %[x] <= %[m] goto +1; %[x] = %[m];" : [x] "+r"(v) : [m] "i"(max))

/*
 * An index masked in a way the compiler cannot drop even when it "knows" the
 * range from an earlier check (the verifier may not: the check can be on
 * another register copy). Masks keep accesses inside the map value.
 */
#define TPC_IDX(v, mask)                  \
	({                                \
		__u32 __tpc_i = (v);      \
		tpc_barrier_var(__tpc_i); \
		__tpc_i & (mask);         \
	})

/* The per-hook specialisation, written by the runtime before load (see tpc_hook_config). */
const volatile struct tpc_hook_config tpc_cfg = {};

#define CFG_HAS_SECTION(bit) ((tpc_cfg.sections & (bit)) != 0)
#define CFG_HAS_ARG_OP(op) ((tpc_cfg.arg_ops & (1ULL << (op))) != 0)
#define CFG_HAS_BIN_OP(op) ((tpc_cfg.bin_ops & (1U << (op))) != 0)
#define CFG_HAS_ACTION(a) ((tpc_cfg.actions & (1U << (a))) != 0)
#define CFG_HAS_TYPE(t) ((tpc_cfg.arg_types & (1ULL << (t))) != 0)
/* The return program of a hook (kretprobe, uretprobe): its blob has the return layout. */
#define CFG_IS_RETURN (tpc_cfg.hook_kind == TPC_HOOK_KRETPROBE || tpc_cfg.hook_kind == TPC_HOOK_URETPROBE)

/* Where the selector sections of the filter blob start (absolute byte offsets). */
enum {
	TPC_S_PIDS = 0,
	TPC_S_NS = 1,
	TPC_S_CAPS = 2,
	TPC_S_NSCHG = 3,
	TPC_S_CAPCHG = 4,
	TPC_S_ARGS = 5,
	TPC_S_ACTIONS = 6,
	TPC_S_END = 7,
	TPC_S_COUNT = 8,
};

/* tpc_heap value: the hook event under construction, followed by evaluation state. */
struct tpc_msg {
	struct tpc_hook_event ev;
	__u8 args[TPC_ARGS_AREA];
	/* below: never sent */
	__u64 raw[TPC_MAX_ARGS];
	__u32 args_end;
	__u32 nsel;
	__u32 sel_pass;
	__u32 match_ns;
	__u32 match_cap;
	__u32 have_parent;
	__u32 verdict;
	__u32 pad;
	__u32 ns[TG_NS_COUNT];
	__u64 caps[3];
	__u32 sec[TPC_MAX_SELECTORS][TPC_S_COUNT];
	struct tpc_proc proc;
	struct tpc_proc parent;
};
_Static_assert(sizeof(struct tpc_msg) <= 24576, "tpc_msg must fit tpc_heap's value");

/* The largest string argument (header + bytes) the args area takes. */
#define TPC_ARG_SLOT_MAX (TPC_ARG_STR_HDR + TPC_ARG_STR_MAX)
/* An argument may start at most here, so that any argument still fits the area. */
#define TPC_ARG_OFF_MAX (TPC_ARGS_AREA - TPC_ARG_SLOT_MAX)
_Static_assert(TPC_ARG_OFF_MAX >= 4 * TPC_ARG_SLOT_MAX, "room for five full string arguments");

/* tpc_scratch value: keys for map lookups and the path walk buffer. */
#define TPC_PATH_BUF (TPC_PATH_MAX + 256)
#define TPC_KEY_BUF (4096 + 256)
struct tpc_scratch {
	__u8 key[TPC_KEY_BUF];
	struct tg_string_prefix_key prefix;
	struct tg_string_postfix_key postfix;
	__u8 tmp[128];
	struct tpc_ratelimit_key rl;
	__u32 path_start;
	__u32 path_len;
	__u8 path[TPC_PATH_BUF];
	/* never written: a source of zero bytes for padding keys */
	__u8 zeros[4096];
};
_Static_assert(sizeof(struct tpc_scratch) <= 16384, "tpc_scratch must fit its map value");

/* tpc_exec_heap value: exec record under construction. */
#define TPC_EXEC_DATA (TPC_PATH_MAX + TPC_PATH_MAX + TPC_EXEC_ARGS_MAX + 64)
struct tpc_exec_msg {
	struct tpc_exec_event ev;
	__u8 data[TPC_EXEC_DATA];
};
_Static_assert(sizeof(struct tpc_exec_msg) <= 10240, "tpc_exec_msg must fit tpc_exec_heap's value");

/* Maps shared by every template. */
TPC_MAPS_GROUP_SHARED
TPC_MAPS_GROUP_ALL

TPC_INLINE struct tpc_scratch *tpc_scratch_get(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&tpc_scratch, &zero);
}

TPC_INLINE void tpc_count(__u32 idx)
{
	__u64 *v = bpf_map_lookup_elem(&tpc_counters, &idx);

	if (v)
		*v += 1;
}

/*
 * Scope (tpc_cfg.scope_cgroup, written by the runtime): outside that cgroup v2
 * a hook program returns at once, before any other work, so neither events
 * nor actions happen there. 0 = unscoped: the value is a frozen .rodata
 * constant, so the verifier drops the helper call and everything behind it.
 */
TPC_INLINE int tpc_out_of_scope(void)
{
	/* one 8-byte load: tpc_cfg is 8-aligned, but its packed struct makes the compiler split the field */
	__u64 scope = *(const volatile __u64 *)((const volatile __u8 *)&tpc_cfg +
						__builtin_offsetof(struct tpc_hook_config, scope_cgroup));

	return scope != 0 && bpf_get_current_cgroup_id() != scope;
}

/*
 * v & m as an instruction the compiler keeps. Clang drops a mask it can prove redundant (n is
 * already clamped to 127), but the verifiers of 5.10 and 6.1 lose that bound on the register
 * copy that becomes a helper's size argument ("R2 unbounded memory access"); the mask in asm
 * gives every verifier the bound right where the size is used.
 */
#define TPC_MASK(v, m)                                          \
	({                                                      \
		__u64 __tpc_v = (v);                            \
		asm volatile("%0 &= " #m : "+r"(__tpc_v));      \
		__tpc_v;                                        \
	})

TPC_INLINE __u64 tpc_now(void)
{
	return bpf_ktime_get_boot_ns();
}

/* Read a kernel or, failing that, a user address: tracepoint and test-run arguments may be either. */
TPC_INLINE long tpc_read_any(void *dst, __u32 size, __u64 src)
{
	long err = bpf_probe_read_kernel(dst, size, (const void *)src);

	if (err)
		err = bpf_probe_read_user(dst, size, (const void *)src);
	return err;
}

/* Same for NUL-terminated strings; user first, where syscall arguments live. */
TPC_INLINE long tpc_read_any_str(void *dst, __u32 size, __u64 src)
{
	long n = bpf_probe_read_user_str(dst, size, (const void *)src);

	if (n < 0)
		n = bpf_probe_read_kernel_str(dst, size, (const void *)src);
	return n;
}

#endif /* TPC_COMMON_H */
