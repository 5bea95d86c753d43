// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* The baseline of the in-kernel benchmark: a program on the same tracepoints that does nothing. */
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

SEC("tracepoint/syscalls/sys_enter_lseek")
int empty_lseek(void *ctx)
{
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_openat")
int empty_openat(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
