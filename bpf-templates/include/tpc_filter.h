/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Evaluation of Tetragon's selector filter blob (filter_map) and its value
 * maps, with Tetragon's semantics:
 *  - per selector, process filters in Tetragon's order: matchBinaries,
 *    matchParentBinaries, matchPIDs (first entry only), matchNamespaces,
 *    matchCapabilities (first entry), matchNamespaceChanges,
 *    matchCapabilityChanges;
 *  - then the arg filters of the selectors that passed, in order: the first
 *    selector whose filters all pass wins; filters are ANDed, the values of one
 *    filter ORed, "Not" operators are true when no value matches;
 *  - no selectors at all: the event passes.
 * Section positions are taken from the length fields, so a malformed section
 * never shifts the reading of the next one.
 */
#ifndef TPC_FILTER_H
#define TPC_FILTER_H

#include "tpc_task.h"

TPC_MAPS_GROUP_HOOK

TPC_INLINE struct tpc_msg *tpc_msg_get(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&tpc_heap, &zero);
}

TPC_INLINE const __u8 *tpc_blob(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&filter_map, &zero);
}

TPC_INLINE const struct tg_event_config *tpc_config(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&config_map, &zero);
}

/* The u32 at a byte offset of the blob, 0 outside it. */
TPC_INLINE __u32 blob_u32(const __u8 *f, __u32 off)
{
	tpc_barrier_var(off);
	if (off > TPC_FILTER_SIZE - 4)
		return 0;
	return *(const __u32 *)(f + off);
}

TPC_INLINE __u64 blob_u64(const __u8 *f, __u32 off)
{
	return (__u64)blob_u32(f, off) | ((__u64)blob_u32(f, off + 4) << 32);
}

TPC_INLINE int tpc_is_not_op(__u32 op)
{
	return op == TG_OP_NEQ || op == TG_OP_NOTPREFIX || op == TG_OP_NOTPOSTFIX || op == TG_OP_NOTIN ||
	       op == TG_OP_NOTINMAP || op == TG_OP_NOTINRANGE;
}

/*
 * Locate the sections of every selector (m->sec). Returns the number of
 * selectors, or -1 for a blob the hook's configuration does not allow.
 */
TPC_GLOBAL int tpc_index_selectors(void)
{
	struct tpc_msg *m = tpc_msg_get();
	const __u8 *f = tpc_blob();
	__u32 n, s, k;

	if (!m || !f)
		return -1;
	m->nsel = 0;
	n = blob_u32(f, 0);
	if (n == 0)
		return 0;
	if (n > TPC_MAX_SELECTORS || n > tpc_cfg.max_selectors)
		goto bad;
	for (s = 0; s < TPC_MAX_SELECTORS; s++) {
		__u32 rel, cur;

		if (s >= n)
			break;
		rel = 4 + 4 * s;
		cur = rel + blob_u32(f, rel);
		if (cur > TPC_FILTER_SIZE - 4)
			goto bad;
		cur += 4; /* the selector's own length */
		for (k = 0; k < TPC_S_END; k++) {
			__u32 len;

			/*
			 * A return blob (Tetragon's InitKernelReturnSelectorState)
			 * has only ARGS and ACTIONS: the process sections point at
			 * the ARGS section and are never read (no TPC_SEC_* bit).
			 */
			if (CFG_IS_RETURN && k < TPC_S_ARGS) {
				m->sec[TPC_IDX(s, 7)][k] = cur;
				continue;
			}
			len = blob_u32(f, cur);

			if (len < 4 || len > TPC_FILTER_SIZE || cur + len > TPC_FILTER_SIZE)
				goto bad;
			m->sec[TPC_IDX(s, 7)][k] = cur;
			cur += len;
		}
		m->sec[TPC_IDX(s, 7)][TPC_S_END] = cur;
	}
	m->nsel = n;
	return n;
bad:
	tpc_count(TPC_CNT_BAD_FILTER);
	return -1;
}

/* ---- process filters ---- */

/* Whether pid v is the process or one of its (up to 10) ancestors, Tetragon's followForks. */
TPC_INLINE int tpc_pid_in_tree(struct tpc_msg *m, __u32 v, int isns)
{
	__u32 pid = isns ? m->proc.nspid : m->proc.pid;
	__u32 ppid = m->proc.ppid;
	int i;

	if (pid == v || (!isns && ppid == v))
		return 1;
	for (i = 0; i < 9; i++) {
		struct tpc_proc *p = bpf_map_lookup_elem(&tpc_execve_map, &ppid);

		if (!p)
			return 0;
		pid = isns ? p->nspid : p->pid;
		if (pid == v || (!isns && p->ppid == v))
			return 1;
		ppid = p->ppid;
	}
	return 0;
}

/*
 * Loops below return as soon as the outcome is known instead of accumulating
 * a result: a constant carried across iterations would keep the verifier from
 * merging the paths through the loop body.
 */

/* One matchPIDs value: does it hit? */
TPC_INLINE int tpc_pid_hit(struct tpc_msg *m, __u32 v, __u32 pid, int isns, int follow)
{
	if (follow)
		return tpc_pid_in_tree(m, v, isns);
	return v == pid;
}

TPC_INLINE int tpc_filter_pids(struct tpc_msg *m, const __u8 *f, __u32 off)
{
	__u32 len = blob_u32(f, off), op, flags, n, pid, i;
	int isns, follow;

	if (len <= 4)
		return 1;
	op = blob_u32(f, off + 4);
	flags = blob_u32(f, off + 8);
	n = blob_u32(f, off + 12);
	isns = (flags & TG_PID_FLAG_NSPID) != 0;
	follow = (flags & TG_PID_FLAG_FOLLOW_FORKS) != 0;
	if (op != TG_OP_IN && op != TG_OP_NOTIN)
		return 1;
	if (isns && follow && !m->proc.nspid)
		return 0;
	pid = isns ? m->proc.nspid : m->proc.pid;
	for (i = 0; i < TPC_MAX_VALUES; i++) {
		if (i >= n)
			break;
		if (tpc_pid_hit(m, blob_u32(f, off + 16 + 4 * i), pid, isns, follow))
			return op == TG_OP_IN;
	}
	return op == TG_OP_NOTIN;
}

/* One matchNamespaces filter at cur: In = a value equals the namespace, NotIn = none does. */
TPC_INLINE int tpc_ns_filter(struct tpc_msg *m, const __u8 *f, __u32 cur)
{
	__u32 type = blob_u32(f, cur), op = blob_u32(f, cur + 4), n = blob_u32(f, cur + 8), inum, j;

	if (type >= TG_NS_COUNT)
		return 0;
	if (op != TG_OP_IN && op != TG_OP_NOTIN)
		return 1;
	inum = m->ns[TPC_IDX(type, 15)];
	for (j = 0; j < TPC_MAX_VALUES; j++) {
		if (j >= n)
			break;
		if (blob_u32(f, cur + 12 + 4 * j) == inum)
			return op == TG_OP_IN;
	}
	return op == TG_OP_NOTIN;
}

TPC_INLINE int tpc_filter_namespaces(struct tpc_msg *m, const __u8 *f, __u32 off)
{
	__u32 end = off + blob_u32(f, off), cur = off + 4, i, n;

	for (i = 0; i < TG_NS_COUNT; i++) {
		if (cur + 12 > end)
			break;
		if (!tpc_ns_filter(m, f, cur))
			return 0;
		n = blob_u32(f, cur + 8);
		if (n > 256)
			return 0;
		cur += 12 + 4 * n;
	}
	return 1;
}

TPC_INLINE int tpc_filter_caps(struct tpc_msg *m, const __u8 *f, __u32 off, int change)
{
	__u32 ty, op, host_userns;
	__u64 mask, caps, icaps;
	int match = 0;

	if (blob_u32(f, off) <= 4)
		return 1;
	ty = blob_u32(f, off + 4);
	op = blob_u32(f, off + 8);
	host_userns = blob_u32(f, off + 12);
	mask = blob_u64(f, off + 16);
	/* isNamespaceCapability: only tasks outside the host user namespace */
	if (host_userns != 0 && m->ns[TG_NS_USER] == host_userns)
		return 0;
	if (ty > TG_CAPSET_INHERITABLE)
		return 0;
	caps = m->caps[TPC_IDX(ty, 3)];
	if (!change) {
		if (op == TG_OP_IN)
			return (caps & mask) != 0;
		return (caps & mask) == 0;
	}
	icaps = m->proc.caps[TPC_IDX(ty, 3)];
	if ((icaps & mask) != (caps & mask))
		match = op == TG_OP_IN;
	else if (icaps != caps)
		match = op == TG_OP_NOTIN;
	if (match)
		m->match_cap = 1;
	return match;
}

TPC_INLINE int tpc_filter_ns_changes(struct tpc_msg *m, const __u8 *f, __u32 off)
{
	__u32 op, bits, i;

	if (blob_u32(f, off) <= 4)
		return 1;
	op = blob_u32(f, off + 4);
	bits = blob_u32(f, off + 8);
	if (op != TG_OP_IN && op != TG_OP_NOTIN)
		return 0;
	for (i = 0; i < TG_NS_COUNT; i++) {
		int selected = (bits & (1U << i)) != 0;

		if (op == TG_OP_NOTIN)
			selected = !selected;
		if (!selected)
			continue;
		if (m->proc.ns[i] == 0) {
			m->match_ns = 1; /* not recorded yet: record it, do not match */
			continue;
		}
		if (m->proc.ns[i] != m->ns[i]) {
			m->match_ns = 1;
			return 1;
		}
	}
	return 0;
}

/*
 * matchBinaries (key = selector) or matchParentBinaries (key = selector + 5)
 * of one selector against the process (or its parent) entry.
 */
TPC_GLOBAL int tpc_match_binaries(__u32 key, __u32 parent)
{
	struct tpc_msg *m = tpc_msg_get();
	struct tg_mb_sel_opts *opts;
	struct tpc_scratch *sc;
	struct tpc_proc *proc;
	void *inner;
	__u32 op, id, n;
	int found = 0;

	if (!m || key >= 2 * TPC_MAX_SELECTORS)
		return 0;
	opts = bpf_map_lookup_elem(&tg_mb_sel_opts, &key);
	if (!opts || opts->op == TG_OP_NONE)
		return 1;
	if (parent && !m->have_parent)
		return 1; /* like Tetragon without a parent binary: not checked */
	proc = parent ? &m->parent : &m->proc;
	op = opts->op;
	id = opts->map_id;
	sc = tpc_scratch_get();
	if (!sc)
		return 0;
	if ((op == TG_OP_IN && CFG_HAS_BIN_OP(TG_OP_IN)) || (op == TG_OP_NOTIN && CFG_HAS_BIN_OP(TG_OP_NOTIN))) {
		__u32 mbset = opts->mbset_id;

		if (mbset < 64 && (proc->mb_bitset & (1ULL << mbset))) {
			found = 1;
		} else {
			inner = bpf_map_lookup_elem(&tg_mb_paths, &key);
			if (!inner)
				return 0;
			found = bpf_map_lookup_elem(inner, proc->bin) != NULL;
		}
	} else if ((op == TG_OP_PREFIX && CFG_HAS_BIN_OP(TG_OP_PREFIX)) ||
		   (op == TG_OP_NOTPREFIX && CFG_HAS_BIN_OP(TG_OP_NOTPREFIX))) {
		inner = bpf_map_lookup_elem(&string_prefix_maps, &id);
		if (!inner)
			return 0;
		n = proc->bin_len > TPC_BINARY_PATH_LEN - 1 ? TPC_BINARY_PATH_LEN - 1 : proc->bin_len;
		sc->prefix.prefixlen = n * 8;
		bpf_probe_read_kernel(sc->prefix.data, TPC_MASK(n, 255), proc->bin);
		found = bpf_map_lookup_elem(inner, &sc->prefix) != NULL;
	} else if ((op == TG_OP_POSTFIX && CFG_HAS_BIN_OP(TG_OP_POSTFIX)) ||
		   (op == TG_OP_NOTPOSTFIX && CFG_HAS_BIN_OP(TG_OP_NOTPOSTFIX))) {
		inner = bpf_map_lookup_elem(&string_postfix_maps, &id);
		if (!inner)
			return 0;
		n = proc->bin_len > TG_STRING_POSTFIX_MATCH_MAX ? TG_STRING_POSTFIX_MATCH_MAX : proc->bin_len;
		sc->postfix.prefixlen = n * 8;
		bpf_probe_read_kernel(sc->postfix.data, TPC_MASK(n, 127), proc->bin_tail_rev);
		found = bpf_map_lookup_elem(inner, &sc->postfix) != NULL;
	} else {
		return 0;
	}
	return tpc_is_not_op(op) ? !found : found;
}

/* Process filters of selector s. */
TPC_GLOBAL int tpc_sel_process(__u32 s)
{
	struct tpc_msg *m = tpc_msg_get();
	const __u8 *f = tpc_blob();

	if (!m || !f || s >= TPC_MAX_SELECTORS)
		return 0;
	if (CFG_HAS_SECTION(TPC_SEC_BINARIES) && !tpc_match_binaries(s, 0))
		return 0;
	if (CFG_HAS_SECTION(TPC_SEC_PARENT_BINARIES) && !tpc_match_binaries(s + TPC_MAX_SELECTORS, 1))
		return 0;
	if (CFG_HAS_SECTION(TPC_SEC_PIDS) && !tpc_filter_pids(m, f, m->sec[TPC_IDX(s, 7)][TPC_S_PIDS]))
		return 0;
	if (CFG_HAS_SECTION(TPC_SEC_NAMESPACES) && !tpc_filter_namespaces(m, f, m->sec[TPC_IDX(s, 7)][TPC_S_NS]))
		return 0;
	if (CFG_HAS_SECTION(TPC_SEC_CAPABILITIES) && !tpc_filter_caps(m, f, m->sec[TPC_IDX(s, 7)][TPC_S_CAPS], 0))
		return 0;
	if (CFG_HAS_SECTION(TPC_SEC_NAMESPACE_CHANGES) && !tpc_filter_ns_changes(m, f, m->sec[TPC_IDX(s, 7)][TPC_S_NSCHG]))
		return 0;
	if (CFG_HAS_SECTION(TPC_SEC_CAPABILITY_CHANGES) && !tpc_filter_caps(m, f, m->sec[TPC_IDX(s, 7)][TPC_S_CAPCHG], 1))
		return 0;
	return 1;
}

#include "tpc_argfilter.h"

#endif /* TPC_FILTER_H */
