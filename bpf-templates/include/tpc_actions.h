/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The winning selector's actions (at most 3, Tetragon's word layout), the
 * Post rate limit, and the ring-buffer output of a hook event.
 *
 * Monitor mode (policy_conf.mode != 0, or TPC_CFG_MONITOR_ONLY) performs no
 * enforcement action (Sigkill, Signal, Override, NotifyEnforcer, Set) but
 * reports each one in tpc_hook_event.monitored. The same holds for events of
 * the runtime's own process (tpc_cfg.self_tgid), flagged TPC_EVF_SELF.
 */
#ifndef TPC_ACTIONS_H
#define TPC_ACTIONS_H

/* Whether a Post with rateLimit ms / scope must be suppressed (and otherwise record it). */
TPC_INLINE int tpc_rate_limited(struct tpc_msg *m, __u32 s, __u32 ms, __u32 scope)
{
	struct tpc_scratch *sc = tpc_scratch_get();
	struct tpc_ratelimit_key *key;
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u64 now, *last;
	__u32 i, nargs = m->ev.nargs;

	if (!sc)
		return 0;
	key = &sc->rl;
	__builtin_memset(key, 0, sizeof(*key));
	key->hook_id = tpc_cfg.hook_id;
	key->selector = s;
	if (scope == TG_RATELIMIT_SCOPE_THREAD)
		key->scope_id = (__u32)pid_tgid;
	else if (scope == TG_RATELIMIT_SCOPE_PROCESS)
		key->scope_id = pid_tgid >> 32;
	else if (scope != TG_RATELIMIT_SCOPE_GLOBAL)
		return 0;
	for (i = 0; i < TPC_MAX_ARGS; i++) {
		__u32 start, end, size;

		if (i >= nargs)
			break;
		start = m->ev.arg_off[i];
		if (start > TPC_ARG_OFF_MAX)
			continue;
		end = m->args_end;
		if (i + 1 < nargs && i + 1 < TPC_MAX_ARGS && m->ev.arg_off[(i + 1) & 7] <= TPC_ARG_OFF_MAX)
			end = m->ev.arg_off[(i + 1) & 7];
		size = end > start ? end - start : 0;
		if (size > TPC_RATELIMIT_BYTES_PER_ARG)
			size = TPC_RATELIMIT_BYTES_PER_ARG;
		bpf_probe_read_kernel(&key->data[i * TPC_RATELIMIT_BYTES_PER_ARG], size & 63, &m->args[start]);
	}
	now = tpc_now();
	last = bpf_map_lookup_elem(&tpc_ratelimit, key);
	/*
	 * Elapsed time, not "now - window": the boot clock can be younger than
	 * the window. A last post stamped after now (another CPU, just before)
	 * is within it too.
	 */
	if (last && (*last >= now || now - *last < (__u64)ms * 1000000ULL))
		return 1;
	bpf_map_update_elem(&tpc_ratelimit, key, &now, BPF_ANY);
	return 0;
}

/* Why enforcement actions are held back (reported, not performed); 0 = performed. */
#define TPC_HOLD_MONITOR 1
#define TPC_HOLD_SELF 2

TPC_INLINE int tpc_hold_reason(void)
{
	struct tg_policy_conf *conf;
	__u32 zero = 0;

	if (tpc_cfg.flags & TPC_CFG_MONITOR_ONLY)
		return TPC_HOLD_MONITOR;
	conf = bpf_map_lookup_elem(&policy_conf, &zero);
	if (conf && conf->mode != TG_POLICY_MODE_ENFORCE)
		return TPC_HOLD_MONITOR;
	/* the runtime never kills or signals itself: a policy that matches tpc only reports */
	if (tpc_cfg.self_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) == tpc_cfg.self_tgid)
		return TPC_HOLD_SELF;
	return 0;
}

/* Report an enforcement action that was held back; returns TPC_VERDICT_* bits. */
TPC_INLINE __u32 tpc_held(struct tpc_msg *m, __u32 action, int hold)
{
	m->ev.monitored |= 1U << action;
	if (hold == TPC_HOLD_SELF) {
		m->ev.hdr.flags |= TPC_EVF_SELF;
		return TPC_VERDICT_SELF;
	}
	m->ev.hdr.flags |= TPC_EVF_MONITOR;
	return TPC_VERDICT_MONITORED;
}

/* Send (or, when held back, report) a signal; returns TPC_VERDICT_* bits. */
TPC_INLINE __u32 tpc_signal(struct tpc_msg *m, __u32 action, __u32 sig, int hold)
{
	m->ev.signal = sig;
	if (hold)
		return tpc_held(m, action, hold);
	if (sig == 0 || sig > 64)
		return 0;
	if (bpf_send_signal(sig)) {
		tpc_count(TPC_CNT_SIGNAL_FAILED);
		m->ev.hdr.flags |= TPC_EVF_ACTION_FAILED;
		return 0;
	}
	return TPC_VERDICT_SIGNALED;
}

/* Words after an action id; 255 for an unknown id. */
TPC_INLINE __u32 tpc_action_words(__u32 id)
{
	switch (id) {
	case TG_ACTION_POST: return TG_ACTION_WORDS_POST;
	case TG_ACTION_SIGKILL: return TG_ACTION_WORDS_SIGKILL;
	case TG_ACTION_OVERRIDE: return TG_ACTION_WORDS_OVERRIDE;
	case TG_ACTION_GETURL: return TG_ACTION_WORDS_GETURL;
	case TG_ACTION_DNSLOOKUP: return TG_ACTION_WORDS_DNSLOOKUP;
	case TG_ACTION_NOPOST: return TG_ACTION_WORDS_NOPOST;
	case TG_ACTION_SIGNAL: return TG_ACTION_WORDS_SIGNAL;
	case TG_ACTION_TRACKSOCK: return TG_ACTION_WORDS_TRACKSOCK;
	case TG_ACTION_UNTRACKSOCK: return TG_ACTION_WORDS_UNTRACKSOCK;
	case TG_ACTION_NOTIFY_ENFORCER: return TG_ACTION_WORDS_NOTIFY_ENFORCER;
	case TG_ACTION_CLEANUP_ENFORCER_NOTIFICATION: return TG_ACTION_WORDS_CLEANUP_ENFORCER_NOTIFICATION;
	case TG_ACTION_SET: return TG_ACTION_WORDS_SET;
	}
	return 255;
}

/* One action at blob offset at (its id word); effects and verdict bits go to m. */
TPC_INLINE void tpc_do_action(struct tpc_msg *m, const __u8 *f, __u32 s, __u32 id, __u32 at, int hold)
{
	__u32 sig;

	switch (id) {
	case TG_ACTION_POST:
		if (CFG_HAS_ACTION(TG_ACTION_POST)) {
			__u32 ms = blob_u32(f, at + 4);

			if (ms && tpc_rate_limited(m, s, ms, blob_u32(f, at + 8))) {
				m->verdict |= TPC_VERDICT_RATE_LIMITED | TPC_VERDICT_NOPOST;
				m->ev.hdr.flags |= TPC_EVF_RATE_LIMITED;
				tpc_count(TPC_CNT_RATE_LIMITED);
			}
		}
		break;
	case TG_ACTION_NOPOST:
		m->verdict |= TPC_VERDICT_NOPOST;
		break;
	case TG_ACTION_SIGKILL:
	case TG_ACTION_SIGNAL:
		if ((id == TG_ACTION_SIGKILL && CFG_HAS_ACTION(TG_ACTION_SIGKILL)) ||
		    (id == TG_ACTION_SIGNAL && CFG_HAS_ACTION(TG_ACTION_SIGNAL))) {
			sig = id == TG_ACTION_SIGKILL ? 9 : blob_u32(f, at + 4);
			m->verdict |= tpc_signal(m, id, sig, hold);
		}
		break;
	case TG_ACTION_OVERRIDE:
		/*
		 * performed by templates whose hook can override (kprobes), only
		 * when neither TPC_VERDICT_MONITORED nor TPC_VERDICT_SELF is set
		 */
		m->ev.override_error = blob_u32(f, at + 4);
		if (hold)
			m->verdict |= tpc_held(m, id, hold);
		break;
	case TG_ACTION_NOTIFY_ENFORCER:
		/* no enforcer program: deliver its signal from here; the error override is not done */
		if (CFG_HAS_ACTION(TG_ACTION_NOTIFY_ENFORCER)) {
			m->ev.override_error = blob_u32(f, at + 4);
			sig = blob_u32(f, at + 8);
			if (sig)
				m->verdict |= tpc_signal(m, id, sig, hold);
			else if (hold)
				m->verdict |= tpc_held(m, id, hold);
		}
		break;
	case TG_ACTION_SET:
		if (hold)
			m->verdict |= tpc_held(m, id, hold);
		break;
	}
}

/* Run the actions of selector s. Returns TPC_VERDICT_* bits; POSTED is decided by the caller. */
TPC_GLOBAL __u32 tpc_sel_actions(__u32 s)
{
	struct tpc_msg *m = tpc_msg_get();
	const __u8 *f = tpc_blob();
	__u32 base, len, i = 0, l;
	int hold;

	if (!m || !f || s >= TPC_MAX_SELECTORS)
		return TPC_VERDICT_ERROR;
	/* results go to m->verdict, not locals: see the note on loops in tpc_filter.h */
	m->verdict = 0;
	base = m->sec[TPC_IDX(s, 7)][TPC_S_ACTIONS];
	len = blob_u32(f, base);
	hold = tpc_hold_reason();
	for (l = 0; l < TPC_MAX_ACTIONS; l++) {
		__u32 woff = 4 + 4 * i, id, words;

		if (woff >= len || i > 32)
			break;
		id = blob_u32(f, base + woff);
		words = tpc_action_words(id);
		if (words > 8) {
			tpc_count(TPC_CNT_BAD_FILTER);
			break;
		}
		tpc_do_action(m, f, s, id, base + woff, hold);
		m->ev.actions |= 1U << (id & 31);
		m->ev.action = id;
		i += 1 + words;
	}
	return m->verdict;
}

/* Send the hook event; then record namespace / capability changes matched by its selector. */
TPC_GLOBAL int tpc_emit_hook(void)
{
	struct tpc_msg *m = tpc_msg_get();
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	struct tpc_proc *p;
	__u32 size;

	if (!m)
		return -1;
	size = m->args_end;
	if (size > TPC_ARGS_AREA)
		return -1;
	m->ev.args_size = size;
	size += sizeof(struct tpc_hook_event);
	m->ev.hdr.size = size;
	if (bpf_ringbuf_output(&tpc_events, &m->ev, size, 0)) {
		tpc_count(TPC_CNT_RINGBUF_LOST);
		return -1;
	}
	tpc_count(TPC_CNT_EVENTS);
	if (m->match_ns || m->match_cap) {
		p = bpf_map_lookup_elem(&tpc_execve_map, &tgid);
		if (p && m->match_ns)
			bpf_probe_read_kernel(p->ns, sizeof(p->ns), m->ns);
		if (p && m->match_cap)
			bpf_probe_read_kernel(p->caps, sizeof(p->caps), m->caps);
	}
	return 0;
}

#endif /* TPC_ACTIONS_H */
