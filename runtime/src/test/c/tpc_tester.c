/*
 * The workload of the end-to-end tests: makes exactly the system calls it is told to, with
 * arguments that come from argv (memory the kernel can always read), and nothing else between
 * main() and exit (it is linked statically, so no dynamic loader opens files first).
 *
 *   tpc_tester [wait] openat PATH [COUNT]
 *   tpc_tester [wait] lseek FD OFFSET WHENCE [COUNT]
 *   tpc_tester [wait] call VALUE TEXT [COUNT]
 *
 * "call" calls tpc_probe_target(VALUE, TEXT), a function of this binary that uprobe tests probe;
 * it returns VALUE + strlen(TEXT) and makes no system call.
 *
 * "wait" first prints "ready <pid>" and waits for a line on stdin, so that a test can load a
 * policy that names this pid before the calls happen. Each call prints "<call> <result> <errno>";
 * the program then prints "done" and exits 0. A policy that kills it leaves "done" unprinted.
 * It ends itself (SIGALRM) after 60 seconds, so a test that fails before "go" leaves nothing behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int usage(void)
{
	fprintf(stderr, "usage: tpc_tester [wait] openat PATH [COUNT] | lseek FD OFFSET WHENCE [COUNT] | call VALUE TEXT [COUNT]\n");
	return 2;
}

/*
 * The uprobe target: an int and a string in the first two argument registers, an int returned.
 * noinline and the empty asm keep the call, its arguments and its return in the binary.
 */
__attribute__((noinline, used)) int tpc_probe_target(int value, const char *text)
{
	asm volatile("" : : "r"(text) : "memory");
	return value + (int)strlen(text);
}

static long number(const char *s)
{
	return strtol(s, NULL, 0);
}

int main(int argc, char **argv)
{
	int i = 1;
	long count = 1, n;

	setvbuf(stdout, NULL, _IONBF, 0);
	alarm(60); /* never outlives a test that forgot it */
	if (i < argc && !strcmp(argv[i], "wait")) {
		char line[16];

		printf("ready %d\n", (int)getpid());
		if (!fgets(line, sizeof(line), stdin))
			return 3;
		i++;
	}
	if (i + 1 < argc && !strcmp(argv[i], "openat")) {
		const char *path = argv[i + 1];

		if (i + 2 < argc)
			count = number(argv[i + 2]);
		for (n = 0; n < count; n++) {
			/* the raw syscall: glibc may not use openat for open(), and must not add calls */
			long fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);

			printf("openat %ld %d\n", fd, fd < 0 ? errno : 0);
			if (fd >= 0)
				close((int)fd);
		}
	} else if (i + 3 < argc && !strcmp(argv[i], "lseek")) {
		long fd = number(argv[i + 1]), offset = number(argv[i + 2]), whence = number(argv[i + 3]);

		if (i + 4 < argc)
			count = number(argv[i + 4]);
		for (n = 0; n < count; n++) {
			long r = syscall(SYS_lseek, fd, offset, whence);

			printf("lseek %ld %d\n", r, r < 0 ? errno : 0);
		}
	} else if (i + 2 < argc && !strcmp(argv[i], "call")) {
		int value = (int)number(argv[i + 1]);
		const char *text = argv[i + 2];

		if (i + 3 < argc)
			count = number(argv[i + 3]);
		for (n = 0; n < count; n++)
			printf("call %d\n", tpc_probe_target(value, text));
	} else {
		return usage();
	}
	printf("done\n");
	return 0;
}
