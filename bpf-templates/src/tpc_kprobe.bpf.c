// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Generic kprobe template: tpc_kprobe on a kernel function's entry, tpc_kretprobe
 * on its return for hooks with return: true (see tpc_probe.h). With
 * event_config.syscall the probed function is a __x64_sys_* wrapper and the
 * arguments come from the user's registers it receives.
 *
 * Override: bpf_override_return is called only when the hook's selectors use
 * Override (tpc_cfg.actions); otherwise the verifier never sees the call, so
 * the template loads on kernels without CONFIG_BPF_KPROBE_OVERRIDE.
 */
#include "tpc_probe.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

SEC("kprobe")
int tpc_kprobe(struct pt_regs *ctx)
{
	struct tpc_msg *m;

	if (tpc_out_of_scope())
		return 0;
	tpc_probe_entry(ctx, 1);
	if (CFG_HAS_ACTION(TG_ACTION_OVERRIDE)) {
		m = tpc_msg_get();
		/* the winning selector ran Override, and neither monitor mode nor self protection held it back */
		if (m && (m->ev.actions & (1U << TG_ACTION_OVERRIDE)) && !(m->ev.monitored & (1U << TG_ACTION_OVERRIDE)))
			bpf_override_return(ctx, (long)m->ev.override_error);
	}
	return 0;
}

SEC("kretprobe")
int tpc_kretprobe(struct pt_regs *ctx)
{
	if (tpc_out_of_scope())
		return 0;
	tpc_probe_return(ctx);
	return 0;
}
