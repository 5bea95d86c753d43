/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The flow of the function-probe templates (kprobe, uprobe) and of their
 * return programs. Arguments come from the registers of the probed call
 * (x86-64: rdi, rsi, rdx, rcx or r10, r8); everything else is tpc_hook.h's.
 *
 * Return probes (return: true): the entry and the return program are loaded
 * as two objects of one template, each with its own config_map and filter_map
 * (the return program's holds the return blob), like Tetragon's. The runtime
 * gives both the entry's hook id in tpc_cfg.pair_id. The entry program records
 * each call whose event it posted in tpc_retprobe; the return program reports
 * only those calls, with the return value as its one argument, and user space
 * merges the two records into one event.
 */
#ifndef TPC_PROBE_H
#define TPC_PROBE_H

#include "tpc_hook.h"

TPC_MAPS_GROUP_PROBE

/* Function argument n (0-4) from a register set, x86-64 calling convention. */
TPC_INLINE __u64 tpc_regs_arg(struct pt_regs *regs, int n, int syscall)
{
	switch (n) {
	case 0:
		return BPF_CORE_READ(regs, di);
	case 1:
		return BPF_CORE_READ(regs, si);
	case 2:
		return BPF_CORE_READ(regs, dx);
	case 3:
		/* the syscall ABI passes the fourth argument in r10 (rcx is clobbered by syscall) */
		return syscall ? BPF_CORE_READ(regs, r10) : BPF_CORE_READ(regs, cx);
	case 4:
		return BPF_CORE_READ(regs, r8);
	}
	return 0;
}

TPC_INLINE struct tpc_retprobe_key tpc_retprobe_key_now(void)
{
	struct tpc_retprobe_key key = {
		.pair_id = tpc_cfg.pair_id,
		.tid = (__u32)bpf_get_current_pid_tgid(),
	};

	return key;
}

/*
 * Entry program: process filters, arguments from regs (or, for a syscall
 * wrapper, from the inner pt_regs it receives as its first argument), arg
 * filters, actions, event. Returns the verdict word.
 */
TPC_INLINE __u32 tpc_probe_entry(struct pt_regs *ctx, int syscall_wrapper)
{
	const struct tg_event_config *config;
	struct pt_regs *regs = ctx;
	struct tpc_msg *m;
	__u32 i, verdict;
	int nsel, syscall = 0;

	nsel = tpc_hook_begin();
	if (nsel < 0)
		return TPC_VERDICT_ERROR;
	if (!tpc_hook_process_filters(nsel))
		return 0;
	m = tpc_msg_get();
	config = tpc_config();
	if (!m || !config)
		return TPC_VERDICT_ERROR;
	if (syscall_wrapper && config->syscall) {
		/* __x64_sys_X(const struct pt_regs *regs): the user's registers at the syscall */
		regs = (struct pt_regs *)BPF_CORE_READ(ctx, di);
		syscall = 1;
	}
	for (i = 0; i < TPC_MAX_ARGS; i++) {
		__u64 v = 0;

		if (i >= tpc_cfg.nargs)
			break;
		/* data entries (current_task / pt_regs sources) are not read: the runtime refuses their relocations */
		if (!(config->arm[i] & (TG_ARGM_CURRENT_TASK | TG_ARGM_PT_REGS)))
			v = tpc_regs_arg(regs, config->idx[i], syscall);
		m->raw[i] = tpc_int_from(v, config->arg[i]);
	}
	for (i = 0; i < TPC_MAX_ARGS; i++) {
		if (i >= tpc_cfg.nargs)
			break;
		tpc_store_arg(i);
	}
	verdict = tpc_hook_finish();
	if ((tpc_cfg.flags & TPC_CFG_RETURN_PROBE) && (verdict & TPC_VERDICT_POSTED)) {
		struct tpc_retprobe_key key = tpc_retprobe_key_now();
		__u64 when = m->ev.hdr.time;

		bpf_map_update_elem(&tpc_retprobe, &key, &when, BPF_ANY);
	}
	return verdict;
}

/*
 * Return program: only calls whose entry event was posted; the return blob's
 * selectors (matchReturnArgs, matchReturnActions) on the return value.
 */
TPC_INLINE __u32 tpc_probe_return(struct pt_regs *ctx)
{
	struct tpc_retprobe_key key = tpc_retprobe_key_now();
	const struct tg_event_config *config;
	struct tpc_msg *m;
	int nsel;

	if (!bpf_map_lookup_elem(&tpc_retprobe, &key))
		return 0;
	bpf_map_delete_elem(&tpc_retprobe, &key);
	nsel = tpc_hook_begin();
	if (nsel < 0)
		return TPC_VERDICT_ERROR;
	if (!tpc_hook_process_filters(nsel))
		return 0;
	m = tpc_msg_get();
	config = tpc_config();
	if (!m || !config)
		return TPC_VERDICT_ERROR;
	m->raw[0] = tpc_int_from(BPF_CORE_READ(ctx, ax), config->argreturn);
	tpc_store_arg(0);
	return tpc_hook_finish();
}

#endif /* TPC_PROBE_H */
