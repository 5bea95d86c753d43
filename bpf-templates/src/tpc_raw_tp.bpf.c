// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Generic raw tracepoint template (Tetragon's raw: true): argument i is raw
 * tracepoint argument event_config.idx[i], dereferenced along
 * event_config.btf_arg[i] when the policy resolves a member (e.g. the
 * syscall arguments in sys_enter's struct pt_regs).
 *
 * Also the template tpc's tests drive with BPF_PROG_TEST_RUN: the return value
 * is the verdict word (TPC_VERDICT_*), which the kernel ignores for raw
 * tracepoints.
 */
#include "tpc_hook.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/*
 * Follow event_config.btf_arg[i]: each step adds its offset and, for pointer
 * members, loads the pointer. A last step onto a non-pointer member reads the
 * member itself (8 bytes; integer types are narrowed by the caller).
 */
TPC_GLOBAL __u64 tpc_resolve(__u32 i, __u64 v)
{
	const struct tg_event_config *config = tpc_config();
	int d, last_ptr = 1;

	if (!config || i >= TPC_MAX_ARGS)
		return v;
	for (d = 0; d < 10; d++) {
		const struct tg_config_btf_arg *step;
		__u32 k = i * 10 + d;

		tpc_barrier_var(k);
		if (k > TPC_MAX_ARGS * 10 - 1)
			break;
		step = &config->btf_arg[k];

		if (!step->is_initialized)
			break;
		v += step->offset;
		last_ptr = step->is_pointer;
		if (last_ptr && tpc_read_any(&v, 8, v))
			return 0;
	}
	if (!last_ptr) {
		__u64 x = 0;

		tpc_read_any(&x, 8, v);
		v = x;
	}
	return v;
}

/*
 * Raw tracepoint argument idx. Read with a helper, not a direct ctx load: the
 * kernel refuses to attach a program whose direct ctx accesses reach past the
 * tracepoint's own argument count.
 */
static __always_inline __u64 tpc_raw_arg(struct bpf_raw_tracepoint_args *ctx, int idx)
{
	__u64 v = 0;

	if (idx < 0 || idx > 11)
		return 0;
	bpf_probe_read_kernel(&v, sizeof(v), &ctx->args[idx]);
	return v;
}

SEC("raw_tp")
int tpc_raw_tp(struct bpf_raw_tracepoint_args *ctx)
{
	const struct tg_event_config *config;
	struct tpc_msg *m;
	int nsel;
	__u32 i;

	if (tpc_out_of_scope())
		return 0;
	nsel = tpc_hook_begin();
	if (nsel < 0)
		return TPC_VERDICT_ERROR;
	if (!tpc_hook_process_filters(nsel))
		return 0;
	m = tpc_msg_get();
	config = tpc_config();
	if (!m || !config)
		return TPC_VERDICT_ERROR;
	for (i = 0; i < TPC_MAX_ARGS; i++) {
		__u64 v;

		if (i >= tpc_cfg.nargs)
			break;
		v = tpc_raw_arg(ctx, config->idx[i]);
		if (config->btf_arg[i * 10].is_initialized)
			v = tpc_resolve(i, v);
		m->raw[i] = tpc_int_from(v, config->arg[i]);
	}
	for (i = 0; i < TPC_MAX_ARGS; i++) {
		if (i >= tpc_cfg.nargs)
			break;
		tpc_store_arg(i);
	}
	return tpc_hook_finish();
}
