// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Generic tracepoint template: one object per hook, attached to any tracepoint
 * (syscalls:*, raw_syscalls:*, sched:*, ...). Argument i is read from the
 * tracepoint record at event_config.off[i] with the width of event_config.arg[i],
 * the offsets Tetragon computes from the tracepoint's format file.
 */
#include "tpc_hook.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Bytes of a tracepoint field for a type: integers at their width, everything else a pointer. */
static __always_inline __u32 tpc_tp_field_size(int type)
{
	switch (type) {
	case TG_TY_INT:
	case TG_TY_S32:
	case TG_TY_U32:
	case TG_TY_DATA_LOC:
		return 4;
	case TG_TY_S16:
	case TG_TY_U16:
		return 2;
	case TG_TY_S8:
	case TG_TY_U8:
		return 1;
	}
	return 8;
}

/* data_loc strings and const_buf arrays live in the tracepoint record itself. */
static __always_inline void tpc_tp_store_inline(void *ctx, struct tpc_msg *m, const struct tg_event_config *config,
						__u32 i, int type)
{
	__u32 size, want, off = TPC_MASK(config->off[i & 7], 0xffff);
	long aoff = tpc_arg_begin(m);
	__u8 *ap;

	if (aoff < 0)
		return;
	TPC_CLAMP(aoff, TPC_ARG_OFF_MAX);
	ap = &m->args[aoff];
	if (type == TG_TY_DATA_LOC) {
		__u32 loc = (__u32)m->raw[i & 7];
		__u32 len = loc >> 16;

		if (len > TPC_MAX_STRING)
			len = TPC_MAX_STRING;
		if (len > TPC_ARG_STR_MAX)
			len = TPC_ARG_STR_MAX;
		if (bpf_probe_read_kernel(ap + TPC_ARG_STR_HDR, len, ctx + TPC_MASK(loc, 0xffff)))
			len = 0;
		/* the recorded length counts the terminating NUL */
		if (len > 0 && len <= TPC_ARG_STR_MAX && ap[(TPC_ARG_STR_HDR + len - 1) & 8191] == 0)
			len--;
		*(__u32 *)ap = len;
		*(__u32 *)(ap + 4) = 0;
		size = TPC_ARG_STR_HDR + len;
	} else {
		want = config->arm[i & 7];
		size = want > TPC_MAX_STRING ? TPC_MAX_STRING : want;
		if (size > TPC_ARG_STR_MAX)
			size = TPC_ARG_STR_MAX;
		if (bpf_probe_read_kernel(ap + TPC_ARG_STR_HDR, size, ctx + off))
			size = 0;
		*(__s32 *)ap = want;
		*(__u32 *)(ap + 4) = size;
		size += TPC_ARG_STR_HDR;
	}
	tpc_arg_end(m, i, aoff, size);
}

SEC("tracepoint")
int tpc_tracepoint(void *ctx)
{
	const struct tg_event_config *config;
	struct tpc_msg *m;
	int nsel, type;
	__u32 i;

	if (tpc_out_of_scope())
		return 0;
	nsel = tpc_hook_begin();
	if (nsel < 0)
		return 0;
	if (!tpc_hook_process_filters(nsel))
		return 0;
	m = tpc_msg_get();
	config = tpc_config();
	if (!m || !config)
		return 0;
	for (i = 0; i < TPC_MAX_ARGS; i++) {
		__u32 off;
		__u64 v = 0;

		if (i >= tpc_cfg.nargs)
			break;
		type = config->arg[i];
		off = TPC_MASK(config->off[i], 0xffff);
		bpf_probe_read_kernel(&v, tpc_tp_field_size(type), ctx + off);
		m->raw[i] = tpc_int_from(v, type);
	}
	for (i = 0; i < TPC_MAX_ARGS; i++) {
		if (i >= tpc_cfg.nargs)
			break;
		type = config->arg[i];
		if ((type == TG_TY_DATA_LOC && CFG_HAS_TYPE(TG_TY_DATA_LOC)) ||
		    (type == TG_TY_CONST_BUF && CFG_HAS_TYPE(TG_TY_CONST_BUF)))
			tpc_tp_store_inline(ctx, m, config, i, type);
		else
			tpc_store_arg(i);
	}
	tpc_hook_finish();
	return 0;
}
