// An object the verifier refuses after its maps were created: the loader must release them.
// (A hash map, because recent verifiers know that an array lookup with a constant key succeeds.)
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} tpct_leakcheck SEC(".maps");

SEC("raw_tp/sys_enter")
int tpct_fine(void *ctx)
{
	__u32 zero = 0;
	__u64 *v = bpf_map_lookup_elem(&tpct_leakcheck, &zero);
	return v ? (int)*v : 0;
}

SEC("raw_tp/sys_exit")
int tpct_refused(void *ctx)
{
	__u32 zero = 0;
	__u64 *v = bpf_map_lookup_elem(&tpct_leakcheck, &zero);
	return (int)*v; /* no NULL check: "invalid mem access 'map_value_or_null'" */
}
