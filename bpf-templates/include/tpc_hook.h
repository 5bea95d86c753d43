/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The flow every hook template shares:
 *   n = tpc_hook_begin();              process entry, namespaces, caps, selectors
 *   tpc_hook_process_filters(n);       drop early when no selector's process filters pass
 *   <template reads raw args into m->raw[] / the args area>
 *   tpc_store_arg(i) for each arg;     typed copy (strings, buffers, paths)
 *   verdict = tpc_hook_finish();       arg filters, actions, ring buffer
 * Only reading raw argument values depends on the hook kind.
 */
#ifndef TPC_HOOK_H
#define TPC_HOOK_H

#include "tpc_filter.h"

/*
 * Start a hook event for the current task. Returns the number of selectors
 * (0 = none: everything passes), or -1 to drop the event.
 */
TPC_GLOBAL int tpc_hook_begin(void)
{
	struct tpc_msg *m = tpc_msg_get();
	const struct tg_event_config *config = tpc_config();
	struct task_struct *task = tpc_current();
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tgid = pid_tgid >> 32, i;
	struct tpc_proc *proc;
	__u16 flags = 0;

	if (!m || !config)
		return -1;
	proc = bpf_map_lookup_elem(&tpc_execve_map, &tgid);
	if (!proc) {
		tpc_proc_lazy();
		proc = bpf_map_lookup_elem(&tpc_execve_map, &tgid);
	}
	if (proc) {
		bpf_probe_read_kernel(&m->proc, sizeof(m->proc), proc);
		if (m->proc.flags & TPC_PROC_PROCFS)
			flags |= TPC_EVF_PROC_PROCFS;
	} else {
		__builtin_memset(&m->proc, 0, sizeof(m->proc));
		m->proc.pid = tgid;
		flags |= TPC_EVF_PROC_NOT_FOUND;
	}
	m->have_parent = 0;
	if (CFG_HAS_SECTION(TPC_SEC_PARENT_BINARIES)) {
		__u32 ppid = m->proc.ppid;
		struct tpc_proc *pp = bpf_map_lookup_elem(&tpc_execve_map, &ppid);

		if (pp) {
			bpf_probe_read_kernel(&m->parent, sizeof(m->parent), pp);
			m->have_parent = 1;
		}
	}

	m->ev.hdr.kind = TPC_EV_HOOK;
	m->ev.hdr.flags = flags;
	m->ev.hdr.size = 0;
	m->ev.hdr.time = tpc_now();
	m->ev.hdr.pid = tgid;
	m->ev.hdr.tid = (__u32)pid_tgid;
	m->ev.hdr.ktime = m->proc.ktime;
	m->ev.hook_id = tpc_cfg.hook_id;
	/* a hook with a return probe: both programs report the entry's id, so user space can pair them */
	m->ev.func_id = tpc_cfg.pair_id ? tpc_cfg.pair_id : config->func_id;
	if (CFG_IS_RETURN)
		m->ev.hdr.flags |= TPC_EVF_RETURN;
	else if (tpc_cfg.flags & TPC_CFG_RETURN_PROBE)
		m->ev.hdr.flags |= TPC_EVF_RETURN_PENDING;
	m->ev.selector = TPC_NO_SELECTOR;
	m->ev.nargs = 0;
	m->ev.hook_kind = tpc_cfg.hook_kind;
	m->ev.pad0 = 0;
	m->ev.args_size = 0;
	m->ev.actions = 0;
	m->ev.monitored = 0;
	m->ev.action = TG_ACTION_POST;
	m->ev.signal = 0;
	m->ev.override_error = 0;
	m->ev.ppid = m->proc.ppid;
	m->ev.pktime = m->proc.pktime;
	for (i = 0; i < TPC_MAX_ARGS; i++)
		m->ev.arg_off[i] = TPC_NO_ARG;
	m->ev.pad1 = 0;
	m->ev.pad2 = 0;
	m->args_end = 0;
	m->sel_pass = 0;
	m->match_ns = 0;
	m->match_cap = 0;
	if (CFG_HAS_SECTION(TPC_SEC_NAMESPACES | TPC_SEC_NAMESPACE_CHANGES | TPC_SEC_CAPABILITIES |
			    TPC_SEC_CAPABILITY_CHANGES)) {
		__builtin_memset(m->ns, 0, sizeof(m->ns));
		tpc_task_namespaces(task, m->ns);
		tpc_task_caps(task, m->caps);
	}
	return tpc_index_selectors();
}

/*
 * Selector coverage (tpc_sel_hits, per CPU): the selector that won, calls that
 * reached the selectors and matched none, calls of a hook without selectors.
 * One per-CPU array increment per call that gets past the scope check.
 */
TPC_INLINE void tpc_sel_hit(__u32 slot)
{
	__u64 *v = bpf_map_lookup_elem(&tpc_sel_hits, &slot);

	if (v)
		*v += 1;
}

/* Process filters of every selector; returns the bit set of selectors that pass (all ones without selectors). */
TPC_INLINE __u32 tpc_hook_process_filters(int nsel)
{
	struct tpc_msg *m = tpc_msg_get();
	__u32 pass = 0, s;

	if (!m)
		return 0;
	if (nsel <= 0) {
		m->sel_pass = 0x1f;
		return 0x1f;
	}
	for (s = 0; s < TPC_MAX_SELECTORS; s++) {
		if (s >= (__u32)nsel)
			break;
		if (tpc_sel_process(s))
			pass |= 1U << s;
	}
	m->sel_pass = pass;
	if (!pass)
		tpc_sel_hit(TPC_SELHIT_NO_MATCH); /* dropped before the arguments are read */
	return pass;
}

/* Reserve an argument slot; returns its offset in the args area or -1. */
TPC_INLINE long tpc_arg_begin(struct tpc_msg *m)
{
	__u32 off = (m->args_end + 7) & ~7U;

	if (off > TPC_ARG_OFF_MAX) {
		m->ev.hdr.flags |= TPC_EVF_ARGS_TRUNCATED;
		tpc_count(TPC_CNT_ARGS_TRUNCATED);
		return -1;
	}
	return off;
}

TPC_INLINE void tpc_arg_end(struct tpc_msg *m, __u32 i, __u32 off, __u32 size)
{
	__u32 end = off + size, word;

	if (i >= TPC_MAX_ARGS)
		return;
	m->ev.arg_off[TPC_IDX(i, 7)] = off;
	m->args_end = end;
	m->ev.nargs = i + 1;
	/*
	 * Clear the rest of the argument's last 8-byte word. The next argument
	 * starts at the next word, and the rate-limit key reads the bytes in
	 * between, which would otherwise hold what an earlier event left in this
	 * CPU's scratch (user strings come back word-cleared; paths, buffers and
	 * kernel strings do not).
	 */
	if (end & 7) {
		word = end & ~7U;
		if (word > TPC_ARGS_AREA - 8)
			return;
		TPC_CLAMP(word, TPC_ARGS_AREA - 8);
		*(__u64 *)&m->args[word] &= (1ULL << ((end & 7) * 8)) - 1;
	}
}

/* A path argument: struct path address -> u32 len, u32 flags, bytes. */
TPC_INLINE __u32 tpc_store_path(struct tpc_msg *m, __u8 *ap, __u64 path_addr)
{
	struct tpc_scratch *sc;
	long r = tpc_d_path(path_addr);
	__u64 len, start;

	*(__u32 *)ap = 0;
	*(__u32 *)(ap + 4) = 0;
	if (r == -1)
		return TPC_ARG_STR_HDR;
	sc = tpc_scratch_get();
	if (!sc)
		return TPC_ARG_STR_HDR;
	len = tpc_path_len(r);
	start = sc->path_start;
	if (len > TPC_MAX_STRING)
		len = TPC_MAX_STRING;
	if (start > TPC_PATH_MAX - 1 || len > TPC_ARG_STR_MAX)
		return TPC_ARG_STR_HDR;
	TPC_CLAMP(start, TPC_PATH_MAX - 1);
	TPC_CLAMP(len, TPC_ARG_STR_MAX);
	bpf_probe_read_kernel(ap + TPC_ARG_STR_HDR, len, &sc->path[start]);
	*(__u32 *)ap = len;
	*(__u32 *)(ap + 4) = r < -1 ? 1 : 0;
	return TPC_ARG_STR_HDR + len;
}

/*
 * Copy argument i (raw value m->raw[i]) into the args area, by its
 * event_config type. Integers were already read at their width by the template.
 */
TPC_GLOBAL int tpc_store_arg(__u32 i)
{
	struct tpc_msg *m = tpc_msg_get();
	const struct tg_event_config *config = tpc_config();
	__u32 size = 0, meta;
	__u64 raw;
	__u8 *ap;
	long off, n;
	int type;

	if (!m || !config || i >= TPC_MAX_ARGS)
		return -1;
	if (CFG_IS_RETURN) {
		/* the return program's only argument: the return value, typed by returnArg */
		type = config->argreturn;
		meta = 0;
	} else {
		type = config->arg[TPC_IDX(i, 7)];
		meta = config->arm[TPC_IDX(i, 7)];
	}
	raw = m->raw[TPC_IDX(i, 7)];
	off = tpc_arg_begin(m);
	if (off < 0)
		return -1;
	TPC_CLAMP(off, TPC_ARG_OFF_MAX);
	ap = &m->args[off];
	if (tpc_int_width(type) && type != TG_TY_KERNEL_CAP && type != TG_TY_CAP_INHERITABLE &&
	    type != TG_TY_CAP_PERMITTED && type != TG_TY_CAP_EFFECTIVE) {
		*(__u64 *)ap = raw;
		size = TPC_ARG_INT_SIZE;
	} else if (type == TG_TY_KERNEL_CAP || type == TG_TY_CAP_INHERITABLE || type == TG_TY_CAP_PERMITTED ||
		   type == TG_TY_CAP_EFFECTIVE) {
		*(__u64 *)ap = 0;
		tpc_read_any(ap, 8, raw);
		size = TPC_ARG_INT_SIZE;
	} else if ((type == TG_TY_STRING && CFG_HAS_TYPE(TG_TY_STRING)) ||
		   (type == TG_TY_FILENAME && CFG_HAS_TYPE(TG_TY_FILENAME))) {
		__u64 src = raw;

		if (type == TG_TY_FILENAME) {
			struct filename *fn = (struct filename *)raw;

			src = (__u64)BPF_CORE_READ(fn, name);
		}
		n = tpc_read_any_str(ap + TPC_ARG_STR_HDR, TPC_MAX_STRING + 1, src);
		n = n > 0 ? n - 1 : 0;
		*(__u32 *)ap = n;
		*(__u32 *)(ap + 4) = n >= TPC_MAX_STRING ? 1 : 0;
		size = TPC_ARG_STR_HDR + (n & 8191);
	} else if (type == TG_TY_CHAR_BUF && CFG_HAS_TYPE(TG_TY_CHAR_BUF)) {
		__u32 j = meta & TG_ARGM_INDEX_MASK;
		__s64 want = 0;
		__u32 copy;

		if (j >= 1 && j <= TPC_MAX_ARGS)
			want = m->raw[(j - 1) & 7];
		copy = want < 0 ? 0 : (want > TPC_MAX_STRING ? TPC_MAX_STRING : want);
		if (copy > TPC_ARG_STR_MAX)
			copy = TPC_ARG_STR_MAX;
		if (copy && tpc_read_any(ap + TPC_ARG_STR_HDR, copy, raw)) {
			want = -2; /* Tetragon's char_buf_pagefault */
			copy = 0;
		}
		*(__s32 *)ap = want;
		*(__u32 *)(ap + 4) = copy;
		size = TPC_ARG_STR_HDR + copy;
	} else if ((type == TG_TY_FILE && CFG_HAS_TYPE(TG_TY_FILE)) ||
		   (type == TG_TY_LINUX_BINPRM && CFG_HAS_TYPE(TG_TY_LINUX_BINPRM)) ||
		   (type == TG_TY_PATH && CFG_HAS_TYPE(TG_TY_PATH))) {
		__u64 path = raw;

		if (type == TG_TY_LINUX_BINPRM)
			path = (__u64)BPF_CORE_READ((struct linux_binprm *)raw, file);
		if (type != TG_TY_PATH)
			path = path ? path + bpf_core_field_offset(struct file, f_path) : 0;
		size = tpc_store_path(m, ap, path);
	} else {
		return 0; /* not read: filters on it pass, like Tetragon's */
	}
	tpc_arg_end(m, i, off, size);
	return 0;
}

/* Arg filters, actions and output. Returns the verdict word (TPC_VERDICT_*). */
TPC_GLOBAL __u32 tpc_hook_finish(void)
{
	struct tpc_msg *m = tpc_msg_get();
	__u32 verdict = 0, s, winner = TPC_NO_SELECTOR;

	if (!m)
		return TPC_VERDICT_ERROR;
	if (m->ev.hdr.flags & TPC_EVF_PROC_NOT_FOUND)
		verdict |= TPC_VERDICT_PROC_NOT_FOUND;
	if (m->nsel == 0) {
		verdict |= TPC_VERDICT_NO_SELECTORS;
		tpc_sel_hit(TPC_SELHIT_NO_SELECTORS);
	} else {
		for (s = 0; s < TPC_MAX_SELECTORS; s++) {
			if (s >= m->nsel)
				break;
			if (!(m->sel_pass & (1U << s)))
				continue;
			if (!CFG_HAS_SECTION(TPC_SEC_ARGS) || tpc_sel_args(s)) {
				winner = s;
				break;
			}
		}
		if (winner == TPC_NO_SELECTOR) {
			tpc_sel_hit(TPC_SELHIT_NO_MATCH);
			return verdict; /* dropped */
		}
		tpc_sel_hit(winner);
		verdict |= winner + 1;
		m->ev.selector = winner;
		if (CFG_HAS_SECTION(TPC_SEC_ACTIONS))
			verdict |= tpc_sel_actions(winner);
	}
	if (!(verdict & (TPC_VERDICT_NOPOST | TPC_VERDICT_ERROR))) {
		if (tpc_emit_hook() == 0)
			verdict |= TPC_VERDICT_POSTED;
		else
			verdict |= TPC_VERDICT_POST_FAILED;
	}
	return verdict;
}

/* The syscall64 type: flag compat (32-bit) syscalls like Tetragon (bit 31). */
TPC_INLINE __u64 tpc_syscall64(__u64 v)
{
	struct task_struct *task = tpc_current();
	__u32 status = BPF_CORE_READ(task, thread_info.status);

	if (status & 0x0002 /* TS_COMPAT */)
		v |= 0x80000000ULL;
	return v;
}

/* Normalise an integer read from a field of 'size' bytes to the type's 64-bit form. */
TPC_INLINE __u64 tpc_int_from(__u64 v, int type)
{
	switch (type) {
	case TG_TY_INT:
	case TG_TY_S32:
		return (__u64)(__s64)(__s32)v;
	case TG_TY_U32:
		return (__u32)v;
	case TG_TY_S16:
		return (__u64)(__s64)(__s16)v;
	case TG_TY_U16:
		return (__u16)v;
	case TG_TY_S8:
		return (__u64)(__s64)(__s8)v;
	case TG_TY_U8:
		return (__u8)v;
	case TG_TY_SYSCALL64:
		return tpc_syscall64(v);
	}
	return v;
}

#endif /* TPC_HOOK_H */
