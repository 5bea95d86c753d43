/*
 * tpctpwatch OBJ SUBSYS EVENT OFF TYPE CMD...: attach the tracepoint template
 * without selectors, reading one argument (tracepoint offset OFF, Tetragon type
 * TYPE), run CMD and print the hook events of its process.
 */
#include <sys/wait.h>
#include "tpcdev.h"

static pid_t child;

static int on_event(void *ctx, void *data, size_t size)
{
	struct tpc_hook_event *e = data;
	const __u8 *args = (const __u8 *)(e + 1);

	(void)ctx;
	(void)size;
	if (e->hdr.kind != TPC_EV_HOOK || e->hdr.pid != (unsigned)child)
		return 0;
	if (e->nargs && e->arg_off[0] != 0xffff) {
		const __u8 *a = args + e->arg_off[0];
		printf("hook=%u pid=%u sel=%u action=%u arg0: len=%u '%.*s' (as int %lld)\n", e->hook_id, e->hdr.pid,
		       e->selector, e->action, *(__u32 *)a, (int)(*(__u32 *)a > 200 ? 200 : *(__u32 *)a), a + 8,
		       *(long long *)a);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct tpc_hook_config cfg = { .hook_kind = TPC_HOOK_TRACEPOINT, .hook_id = 42, .nargs = 1,
				       .max_selectors = 5, .sections = 0x1ff, .actions = 0x7fff, .arg_ops = ~0ULL,
				       .bin_ops = ~0U, .arg_types = ~0ULL };
	struct tg_event_config ec = {};
	struct bpf_object *obj;
	struct ring_buffer *rb;
	__u32 zero = 0;
	int status;

	if (argc < 7)
		return 2;
	obj = tpcdev_open(argv[1], &cfg);
	if (!obj || bpf_object__load(obj)) {
		fprintf(stderr, "load failed\n%s", tpcdev_log);
		return 1;
	}
	ec.arg[0] = atoi(argv[5]);
	ec.off[0] = atoi(argv[4]);
	for (int i = 0; i < 5; i++)
		ec.idx[i] = -1;
	bpf_map_update_elem(tpcdev_map_fd(obj, "config_map"), &zero, &ec, 0);
	if (!bpf_program__attach_tracepoint(bpf_object__find_program_by_name(obj, "tpc_tracepoint"), argv[2], argv[3])) {
		fprintf(stderr, "attach failed\n");
		return 1;
	}
	rb = ring_buffer__new(tpcdev_map_fd(obj, "tpc_events"), on_event, NULL, NULL);
	child = fork();
	if (child == 0) {
		usleep(100000);
		execvp(argv[6], argv + 6);
		_exit(127);
	}
	waitpid(child, &status, 0);
	ring_buffer__poll(rb, 200);
	return 0;
}
