/*
 * The in-kernel cost of a tracepoint program, seen from the process that makes the system call.
 *
 *   syscall_bench cost CALL [--empty OBJ] [--calls N] [--rounds R]
 *       CALL is lseek (lseek(-1, 0, 0): EBADF, the cheapest call with a tracepoint) or openat
 *       (openat(AT_FDCWD, "/nonexistent/tpc-bench", O_RDONLY): ENOENT). Pinned to CPU 0, R rounds
 *       of N calls; prints the median and the minimum ns per call. With --empty, first attaches
 *       the program empty_<CALL> of OBJ (empty.bpf.c) to syscalls/sys_enter_<CALL>.
 *   syscall_bench flood --rate R --seconds S [--whence W]
 *       lseek(-1, 0, W) at R calls per second for S seconds (a burst every millisecond, sleeping
 *       in between); prints the calls made and the time taken.
 *   syscall_bench insns PREFIX
 *       The verifier's processed instructions (verified_insns) of every loaded program whose
 *       name starts with PREFIX, and its average run time when kernel.bpf_stats_enabled is 1.
 *   With kernel.bpf_stats_enabled = 1, cost --empty also prints the empty program's average run time.
 */
#define _GNU_SOURCE
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void one_call(int openat, long whence)
{
	if (openat)
		syscall(SYS_openat, AT_FDCWD, "/nonexistent/tpc-bench", O_RDONLY);
	else
		syscall(SYS_lseek, -1, 0L, whence);
}

static int cost(int argc, char **argv)
{
	const char *call = argc > 2 ? argv[2] : "lseek", *obj_path = NULL;
	long calls = 200000, rounds = 15, r, i;
	int openat = !strcmp(call, "openat");
	struct bpf_object *obj = NULL;
	struct bpf_program *prog = NULL;
	struct bpf_link *link = NULL;
	double *per_call;
	cpu_set_t cpus;

	for (i = 3; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--empty"))
			obj_path = argv[i + 1];
		else if (!strcmp(argv[i], "--calls"))
			calls = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--rounds"))
			rounds = atol(argv[i + 1]);
	}
	if (!openat && strcmp(call, "lseek")) {
		fprintf(stderr, "unknown call %s (lseek or openat)\n", call);
		return 2;
	}
	if (obj_path) {
		char name[32];

		snprintf(name, sizeof(name), "empty_%s", call);
		obj = bpf_object__open_file(obj_path, NULL);
		if (!obj || bpf_object__load(obj)) {
			fprintf(stderr, "cannot load %s\n", obj_path);
			return 1;
		}
		prog = bpf_object__find_program_by_name(obj, name);
		link = prog ? bpf_program__attach(prog) : NULL;
		if (!link) {
			fprintf(stderr, "cannot attach %s\n", name);
			return 1;
		}
	}
	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	sched_setaffinity(0, sizeof(cpus), &cpus);
	for (i = 0; i < calls; i++) /* warm up */
		one_call(openat, 0);
	per_call = calloc(rounds, sizeof(*per_call));
	for (r = 0; r < rounds; r++) {
		long long t0 = now_ns();

		for (i = 0; i < calls; i++)
			one_call(openat, 0);
		per_call[r] = (double)(now_ns() - t0) / calls;
	}
	qsort(per_call, rounds, sizeof(*per_call), cmp);
	printf("%s median_ns=%.1f min_ns=%.1f rounds=%ld calls=%ld%s\n", call, per_call[rounds / 2], per_call[0], rounds,
	       calls, obj_path ? " (empty program attached)" : "");
	if (link) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);

		if (!bpf_obj_get_info_by_fd(bpf_program__fd(prog), &info, &len) && info.run_cnt)
			printf("empty program run_ns=%.1f runs=%llu\n", (double)info.run_time_ns / info.run_cnt,
			       (unsigned long long)info.run_cnt);
	}
	bpf_link__destroy(link);
	bpf_object__close(obj);
	free(per_call);
	return 0;
}

static int flood(int argc, char **argv)
{
	long rate = 10000, seconds = 5, whence = 9999, made = 0, i;
	long long start, end, next;

	for (i = 2; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--rate"))
			rate = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--seconds"))
			seconds = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--whence"))
			whence = atol(argv[i + 1]);
	}
	start = now_ns();
	end = start + seconds * 1000000000LL;
	next = start;
	while (now_ns() < end) {
		long due = (long)((double)(now_ns() - start) * rate / 1e9) + 1;

		while (made < due) {
			one_call(0, whence);
			made++;
		}
		next += 1000000; /* pace per millisecond, sleeping: the consumer needs the CPU more than we do */
		{
			struct timespec ts = { .tv_sec = next / 1000000000LL, .tv_nsec = next % 1000000000LL };

			clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
		}
	}
	printf("flood calls=%ld seconds=%.3f rate=%.0f/s\n", made, (now_ns() - start) / 1e9, made / ((now_ns() - start) / 1e9));
	return 0;
}

static int insns(const char *prefix)
{
	__u32 id = 0;

	while (!bpf_prog_get_next_id(id, &id)) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);
		int fd = bpf_prog_get_fd_by_id(id);

		if (fd < 0)
			continue;
		if (!bpf_obj_get_info_by_fd(fd, &info, &len) && !strncmp(info.name, prefix, strlen(prefix)))
			printf("%s verified_insns=%u run_ns=%.1f runs=%llu\n", info.name, info.verified_insns,
			       info.run_cnt ? (double)info.run_time_ns / info.run_cnt : 0.0, (unsigned long long)info.run_cnt);
		close(fd);
	}
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1 && !strcmp(argv[1], "cost"))
		return cost(argc, argv);
	if (argc > 1 && !strcmp(argv[1], "flood"))
		return flood(argc, argv);
	if (argc > 2 && !strcmp(argv[1], "insns"))
		return insns(argv[2]);
	fprintf(stderr, "usage: syscall_bench cost lseek|openat [--empty OBJ] [--calls N] [--rounds R]\n"
			"       syscall_bench flood --rate R --seconds S [--whence W]\n"
			"       syscall_bench insns PREFIX\n");
	return 2;
}
