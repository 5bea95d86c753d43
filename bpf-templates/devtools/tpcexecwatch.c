/*
 * tpcexecwatch OBJ CMD...: attach the exec tracker (tpc_exec.*.bpf.o), run CMD,
 * print the TPC_EV_EXEC / CLONE / EXIT records of its process tree.
 */
#include <sys/wait.h>
#include "tpcdev.h"

static pid_t child;

static int on_event(void *ctx, void *data, size_t size)
{
	struct tpc_event_header *h = data;

	(void)ctx;
	if (h->kind == TPC_EV_EXEC) {
		struct tpc_exec_event *e = data;
		const char *d = (const char *)(e + 1);

		printf("exec pid=%u ppid=%u uid=%u flags=%#x bin=%.*s cwd=%.*s args_len=%u args0=%s\n", h->pid, e->ppid,
		       e->uid, e->proc_flags, e->bin_len, d, e->cwd_len, d + e->bin_len, e->args_len,
		       d + e->bin_len + e->cwd_len);
	} else if (h->kind == TPC_EV_CLONE) {
		struct tpc_clone_event *e = data;

		if (e->ppid == (unsigned)getpid() || h->pid == (unsigned)child)
			printf("clone pid=%u ppid=%u\n", h->pid, e->ppid);
	} else if (h->kind == TPC_EV_EXIT) {
		struct tpc_exit_event *e = data;

		if (h->pid == (unsigned)child)
			printf("exit pid=%u code=%#x\n", h->pid, e->exit_code);
	}
	(void)size;
	return 0;
}

int main(int argc, char **argv)
{
	struct tpc_hook_config cfg = { .hook_kind = TPC_HOOK_EXEC_TRACKER };
	struct bpf_object *obj;
	struct bpf_program *p;
	struct ring_buffer *rb;
	int status;

	if (argc < 3)
		return 2;
	obj = tpcdev_open(argv[1], &cfg);
	if (!obj || bpf_object__load(obj)) {
		fprintf(stderr, "load failed\n%s", tpcdev_log);
		return 1;
	}
	bpf_object__for_each_program(p, obj)
		if (!bpf_program__attach(p)) {
			fprintf(stderr, "attach %s failed\n", bpf_program__name(p));
			return 1;
		}
	rb = ring_buffer__new(tpcdev_map_fd(obj, "tpc_events"), on_event, NULL, NULL);
	child = fork();
	if (child == 0) {
		usleep(100000);
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	waitpid(child, &status, 0);
	usleep(100000);
	ring_buffer__poll(rb, 200);
	return 0;
}
