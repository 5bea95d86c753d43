// Test program for the runtime's loader: .rodata specialisation, map and inner-map filling,
// tracepoint and raw tracepoint attach, ring buffer, BPF_PROG_TEST_RUN.
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>
#include "records.h"

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 magic = 0;
const volatile __u64 bias = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} tpct_events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} tpct_config SEC(".maps");

/* slot 0: execs seen, slot 1: records lost because the ring buffer was full */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} tpct_counters SEC(".maps");

static __always_inline void count(__u32 slot)
{
	__u64 *c = bpf_map_lookup_elem(&tpct_counters, &slot);
	if (c)
		*c += 1;
}

struct inner_hash {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner_hash);
} tpct_outer SEC(".maps");

static __always_inline __u64 inner_lookup(__u32 key)
{
	__u32 zero = 0;
	void *inner = bpf_map_lookup_elem(&tpct_outer, &zero);
	if (!inner)
		return 0;
	__u64 *v = bpf_map_lookup_elem(inner, &key);
	return v ? *v : 0;
}

static __always_inline __u64 config0(void)
{
	__u32 zero = 0;
	__u64 *c = bpf_map_lookup_elem(&tpct_config, &zero);
	return c ? *c : 0;
}

SEC("tracepoint/sched/sched_process_exec")
int tpct_on_exec(void *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	count(0);
	struct test_record *r = bpf_ringbuf_reserve(&tpct_events, sizeof(*r), 0);
	if (!r) {
		count(1);
		return 0;
	}
	r->magic = magic;
	r->pid = pid;
	r->config = config0();
	r->inner = inner_lookup(42);
	bpf_get_current_comm(r->comm, sizeof(r->comm));
	bpf_ringbuf_submit(r, 0);
	return 0;
}

/* Test-run target: returns magic + bias + config[0] + inner[args[1]], so that each input shows. */
SEC("raw_tp/sys_enter")
int tpct_sys_enter(struct bpf_raw_tracepoint_args *ctx)
{
	__u32 nr = (__u32)ctx->args[1];
	return (int)(magic + bias + config0() + inner_lookup(nr));
}
