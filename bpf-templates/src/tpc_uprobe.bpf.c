// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Generic uprobe template: tpc_uprobe on a function's entry in a user binary
 * (arguments from the registers, strings and buffers from user memory),
 * tpc_uretprobe on its return for hooks with return: true (see tpc_probe.h).
 * The runtime loads the object once per attach point and program.
 */
#include "tpc_probe.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

SEC("uprobe")
int tpc_uprobe(struct pt_regs *ctx)
{
	if (tpc_out_of_scope())
		return 0;
	tpc_probe_entry(ctx, 0);
	return 0;
}

SEC("uretprobe")
int tpc_uretprobe(struct pt_regs *ctx)
{
	if (tpc_out_of_scope())
		return 0;
	tpc_probe_return(ctx);
	return 0;
}
