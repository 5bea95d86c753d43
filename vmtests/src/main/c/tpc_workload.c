/*
 * tpc-workload: runs one step of a tpc scenario and reports what happened
 * (docs/workload-helper.md).
 *
 * The process the Java driver starts is the *supervisor*. It reads the step program on stdin
 * (program.h), forks the *workload child* and reports on stdout, one line each:
 *
 *     tpc-workload 1
 *     pid <pid>                       as soon as the child exists
 *     call <index> <ret> <errno>      per call the child made, in order
 *     exited <status> | signaled <signal> | timeout | aborted
 *       | notstarted <stage> <errno> <message>
 *     end
 *
 * With --check it only reads the program and answers "valid" (exit 0) or "notstarted program"
 * (exit 2): nothing is run, so that tests may feed it anything.
 *
 * The child is born in the step's cgroup (clone3 with CLONE_INTO_CGROUP), leads its own process
 * group, and then either becomes the command (execve: same pid) or makes the system calls one
 * after another. It records each call's result in memory shared with the supervisor, so that no
 * system call of its own comes between those of the step, and a call that kills it still leaves
 * the earlier results behind.
 *
 * The supervisor signals nothing but the child's process group (while the child is unreaped, so
 * that its pid cannot have been reused) and its own children (descendants of the child that were
 * re-parented to it as a child subreaper). It ends the step at the timeout, or when its stdin
 * closes (the driver closed the handle or died).
 *
 * It depends on nothing but the kernel: linked statically, it reads no file but its program and
 * /proc/self/task/<pid>/children (optional), and uses no locale.
 */
#define _GNU_SOURCE
#include "program.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define REPORT_VERSION 1
#define REAP_GRACE_MS 2000

/* Why the child could not start, recorded in the shared page before it exits 127. */
enum stage { STAGE_NONE, STAGE_SETPGID, STAGE_CGROUP, STAGE_CLOSE, STAGE_CHDIR, STAGE_SETGROUPS, STAGE_SETGID,
	     STAGE_SETUID, STAGE_EXEC };
static const char *const stage_names[] = { "none", "setpgid", "cgroup", "close", "chdir", "setgroups", "setgid",
					   "setuid", "exec" };

struct call_result {
	int64_t ret;
	int32_t err;
	int32_t pad;
};

/* MAP_SHARED between the supervisor and the child: written by the child, read after it ended. */
struct shared {
	volatile int32_t fail_stage;
	volatile int32_t fail_errno;
	uint32_t ncalls; /* results published so far (release store by the child) */
	uint32_t pad;
	struct call_result calls[];
};

/* Linux's struct clone_args up to .cgroup (CLONE_ARGS_SIZE_VER2), spelled here so that no kernel header is needed. */
struct clone_args_v2 {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size,
		cgroup;
};
#define CLONE_INTO_CGROUP_FLAG 0x200000000ULL

static int report_fd = -1, error_fd = 2, control_fd = -1;
static int wake_pipe[2] = { -1, -1 };

static void write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return; /* the driver is gone: nothing left to tell */
		buf += n;
		len -= (size_t)n;
	}
}

static void out(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void out(int fd, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	write_all(fd, buf, (size_t)n);
}

/* A message text made safe for one report line. */
static const char *one_line(const char *s)
{
	static char buf[256];
	size_t i;

	for (i = 0; s[i] && i < sizeof(buf) - 1; i++)
		buf[i] = (s[i] == '\n' || s[i] == '\r') ? ' ' : s[i];
	buf[i] = '\0';
	return buf;
}

/* The step could not start: a structured line for the driver, a sentence for a person, exit 1 (2 for a bad program). */
static void __attribute__((noreturn)) not_started(const char *stage, int err, const char *message, int status)
{
	out(report_fd, "notstarted %s %d %s", stage, err, one_line(message));
	out(report_fd, "end");
	out(error_fd, "tpc-workload: %s: %s", stage, message);
	_exit(status);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* ---------------------------------------------------------------- the workload child */

static void __attribute__((noreturn)) child_fail(struct shared *sh, enum stage stage)
{
	sh->fail_errno = errno;
	sh->fail_stage = stage;
	syscall(SYS_exit_group, 127);
	__builtin_unreachable();
}

/*
 * The only code the child runs. It makes exactly these system calls before the step's own: setpgid,
 * (cgroup.procs write, only where clone3 is unavailable), close_range (calls only), chdir,
 * setgroups/setgid/setuid (when a user or group is given), prctl(PR_SET_PDEATHSIG); then the
 * step's execve or calls, each through syscall(2), and exit_group(0).
 */
static void __attribute__((noreturn)) child_main(const struct program *p, struct shared *sh, int procs_fd)
{
	long own_pid = 0;
	size_t i;
	int j;

	if (syscall(SYS_setpgid, 0, 0) != 0)
		child_fail(sh, STAGE_SETPGID);
	if (procs_fd >= 0 && syscall(SYS_write, procs_fd, "0", 1) != 1)
		child_fail(sh, STAGE_CGROUP);
	if (!p->is_exec && syscall(SYS_close_range, 3, ~0U, 0) != 0) {
		/* before Linux 5.9: the supervisor's descriptors are all below 64 */
		if (errno != ENOSYS)
			child_fail(sh, STAGE_CLOSE);
		for (j = 3; j < 64; j++)
			syscall(SYS_close, j);
	}
	if (syscall(SYS_chdir, p->cwd) != 0)
		child_fail(sh, STAGE_CHDIR);
	if ((p->has_uid || p->has_gid) && syscall(SYS_setgroups, 0, NULL) != 0)
		child_fail(sh, STAGE_SETGROUPS);
	if (p->has_gid && syscall(SYS_setgid, p->gid) != 0)
		child_fail(sh, STAGE_SETGID);
	if (p->has_uid && syscall(SYS_setuid, p->uid) != 0)
		child_fail(sh, STAGE_SETUID);
	/* after setuid, which clears it: should the supervisor be killed, the child goes with it */
	syscall(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);

	if (p->is_exec) {
		syscall(SYS_execve, p->exec_path, p->argv, p->envp);
		child_fail(sh, STAGE_EXEC);
	}
	environ = p->envp;
	for (i = 0; i < p->ncalls; i++) {
		const struct call *c = &p->calls[i];
		long a[MAX_ARGS] = { 0 }, r;

		for (j = 0; j < c->nargs; j++) {
			const struct arg *x = &c->args[j];

			switch (x->kind) {
			case ARG_INT:
				a[j] = x->value;
				break;
			case ARG_POINTER:
				a[j] = (long)x->pointer;
				break;
			case ARG_RESULT:
				a[j] = (long)sh->calls[x->value].ret;
				break;
			case ARG_OWN_PID:
				if (!own_pid)
					own_pid = syscall(SYS_getpid);
				a[j] = own_pid;
				break;
			}
		}
		errno = 0;
		r = syscall(c->number, a[0], a[1], a[2], a[3], a[4], a[5]);
		sh->calls[i].ret = r;
		sh->calls[i].err = r == -1 ? errno : 0;
		__atomic_store_n(&sh->ncalls, (uint32_t)(i + 1), __ATOMIC_RELEASE);
	}
	syscall(SYS_exit_group, 0);
	__builtin_unreachable();
}

/* ---------------------------------------------------------------- the supervisor */

static void on_sigchld(int sig)
{
	int saved = errno;

	(void)sig;
	if (write(wake_pipe[1], "c", 1) < 0) {
		/* full: a wake-up is pending anyway */
	}
	errno = saved;
}

/* Default dispositions and an empty mask, whatever the JVM left: the child inherits them (and the command, across execve). */
static void reset_signals(void)
{
	struct sigaction sa;
	sigset_t none;
	int s;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (s = 1; s < NSIG; s++)
		sigaction(s, &sa, NULL); /* fails harmlessly for SIGKILL, SIGSTOP and glibc's own */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static int move_high(int fd)
{
	int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);

	if (moved < 0) {
		out(2, "tpc-workload: descriptor %d is not open: %s", fd, strerror(errno));
		_exit(2);
	}
	return moved;
}

static size_t read_full(int fd, char *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	return got;
}

/* The header line "tpc-workload <version> <length>" and the program text after it. */
static char *read_program(size_t *len)
{
	char header[64], *text;
	size_t i = 0;
	unsigned version;
	unsigned long length;
	char tail;

	for (;;) {
		if (i == sizeof(header) - 1)
			not_started("program", 0, "the header line is too long", 2);
		if (read_full(control_fd, &header[i], 1) != 1)
			not_started("program", 0, "no program on standard input (end of input before the header line)", 2);
		if (header[i] == '\n')
			break;
		i++;
	}
	header[i] = '\0';
	if (sscanf(header, "tpc-workload %u %lu%c", &version, &length, &tail) != 2)
		not_started("program", 0, "the first line is not \"tpc-workload <version> <length>\"", 2);
	if (version != PROGRAM_VERSION) {
		char msg[96];

		snprintf(msg, sizeof(msg), "program version %u, this helper reads version %d", version, PROGRAM_VERSION);
		not_started("program", 0, msg, 2);
	}
	if (length > MAX_PROGRAM_BYTES)
		not_started("program", 0, "the program is larger than 16 MiB", 2);
	text = malloc(length + 1);
	if (!text)
		not_started("program", ENOMEM, "out of memory for the program", 2);
	if (read_full(control_fd, text, length) != length)
		not_started("program", 0, "end of input inside the program", 2);
	*len = length;
	return text;
}

static int open_output(const char *path, const char *what)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0644);

	if (fd < 0) {
		char msg[512];
		int e = errno;

		snprintf(msg, sizeof(msg), "cannot open %s: %s", path, strerror(e));
		not_started(what, e, msg, 1);
	}
	return fd;
}

/* Forks the child, born in the cgroup when one is given. Returns its pid in the supervisor, -1 with errno. */
static pid_t spawn(const struct program *p, struct shared *sh)
{
	int procs_fd = -1;
	pid_t pid;

	if (p->cgroup) {
		struct clone_args_v2 args;
		int dir = open(p->cgroup, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		char msg[512];

		if (dir < 0) {
			int e = errno;

			snprintf(msg, sizeof(msg), "cannot open the cgroup %s: %s", p->cgroup, strerror(e));
			not_started("cgroup", e, msg, 1);
		}
		memset(&args, 0, sizeof(args));
		args.flags = CLONE_INTO_CGROUP_FLAG;
		args.exit_signal = SIGCHLD;
		args.cgroup = (uint64_t)dir;
		if (p->no_clone3) {
			pid = -1;
			errno = ENOSYS;
		} else {
			pid = (pid_t)syscall(SYS_clone3, &args, sizeof(args));
		}
		if (pid == 0)
			child_main(p, sh, -1);
		if (pid > 0) {
			close(dir);
			return pid;
		}
		if (errno != ENOSYS && errno != E2BIG) {
			int e = errno;

			snprintf(msg, sizeof(msg), "cannot start a process in the cgroup %s: %s", p->cgroup, strerror(e));
			not_started("cgroup", e, msg, 1);
		}
		/* no clone3 (before Linux 5.7, or filtered): the child joins the cgroup itself, first thing */
		close(dir);
		snprintf(msg, sizeof(msg), "%s/cgroup.procs", p->cgroup);
		procs_fd = open(msg, O_WRONLY | O_CLOEXEC);
		if (procs_fd < 0) {
			int e = errno;
			char why[600];

			snprintf(why, sizeof(why), "cannot open %s: %s", msg, strerror(e));
			not_started("cgroup", e, why, 1);
		}
	}
	/* raw clone rather than fork(): glibc's fork runs code (set_robust_list, atfork handlers) in the child */
	pid = (pid_t)syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
	if (pid == 0)
		child_main(p, sh, procs_fd);
	if (procs_fd >= 0)
		close(procs_fd);
	return pid;
}

/* The child has ended (it is a zombie, not reaped, so its pid and process group id stay ours). */
static int child_ended(pid_t child)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	return waitid(P_PID, (id_t)child, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid == child;
}

/* Reaps re-parented descendants that have ended, leaving the child itself for later. */
static void reap_others(pid_t child)
{
	for (;;) {
		siginfo_t si;

		memset(&si, 0, sizeof(si));
		if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) != 0 || si.si_pid == 0 || si.si_pid == child)
			return;
		waitpid(si.si_pid, NULL, 0);
	}
}

static void drain_wake_pipe(void)
{
	char buf[64];

	while (read(wake_pipe[0], buf, sizeof(buf)) > 0)
		;
}

/* SIGKILL to every child of ours still listed by the kernel (descendants that left the process group). */
static int kill_own_children(void)
{
	char path[64], buf[4096];
	int fd, killed = 0;
	ssize_t n;
	char *s, *end;

	snprintf(path, sizeof(path), "/proc/self/task/%d/children", (int)getpid());
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	for (s = buf;; s = end) {
		long pid = strtol(s, &end, 10);

		if (end == s)
			break;
		if (pid > 1 && pid != getpid()) {
			kill((pid_t)pid, SIGKILL);
			killed++;
		}
	}
	return killed;
}

/* After the child: nothing of the step may outlive it. Bounded; what cannot be reaped is said on stderr. */
static void reap_all(void)
{
	long deadline = now_ms() + REAP_GRACE_MS;

	for (;;) {
		struct pollfd pfd = { .fd = wake_pipe[0], .events = POLLIN };
		pid_t r;

		while ((r = waitpid(-1, NULL, WNOHANG)) > 0)
			;
		if (r < 0 && errno == ECHILD)
			return;
		kill_own_children();
		if (now_ms() >= deadline) {
			out(error_fd, "tpc-workload: descendants of the step are still running after SIGKILL");
			return;
		}
		poll(&pfd, 1, 50);
		drain_wake_pipe();
	}
}

int main(int argc, char **argv)
{
	enum { RUNNING, ENDED, TIMED_OUT, ABORTED } state = RUNNING;
	struct program prog;
	struct shared *sh;
	struct sigaction sa;
	char *text, err[512];
	size_t len, shared_size, i;
	int out_fd, err_fd, empty[2], status = 0, watch_control;
	struct stat st;
	long deadline;
	pid_t child;

	if (argc == 2 && !strcmp(argv[1], "--version")) {
		out(1, "tpc-workload %d", REPORT_VERSION);
		return 0;
	}
	if (argc > 2 || (argc == 2 && strcmp(argv[1], "--check"))) {
		out(2, "usage: tpc-workload [--check] < program    (the program format is in docs/workload-helper.md)");
		return 2;
	}
	reset_signals();
	/* the driver's pipes move up, out of the way of the child's 0, 1 and 2, closed on exec */
	control_fd = move_high(0);
	report_fd = move_high(1);
	error_fd = move_high(2);
	out(report_fd, "tpc-workload %d", REPORT_VERSION);
	/* a pipe (the driver's) tells when the driver is gone; a file (a person's test) never would */
	watch_control = fstat(control_fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));

	text = read_program(&len);
	if (parse_program(text, len, &prog, err, sizeof(err)))
		not_started("program", 0, err, 2);
	if (argc == 2) {
		/* --check: the program is valid; nothing is run */
		out(report_fd, "valid");
		return 0;
	}

	out_fd = open_output(prog.stdout_path, "stdout");
	err_fd = strcmp(prog.stdout_path, prog.stderr_path) ? open_output(prog.stderr_path, "stderr") : out_fd;
	if (pipe2(empty, O_CLOEXEC) != 0 || pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		not_started("fork", errno, "cannot create a pipe", 1);
	close(empty[1]); /* the child's stdin: at its end from the start */
	shared_size = sizeof(struct shared) + (prog.ncalls + 1) * sizeof(struct call_result);
	sh = mmap(NULL, shared_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		not_started("fork", errno, "cannot map the result page", 1);
	if (dup2(empty[0], 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0)
		not_started("fork", errno, "cannot arrange the child's standard descriptors", 1);
	close(empty[0]);
	close(out_fd);
	if (err_fd != out_fd)
		close(err_fd);
	/* orphaned descendants of the child come back to us, to be killed and reaped */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);

	deadline = now_ms() + prog.timeout_ms;
	child = spawn(&prog, sh);
	if (child < 0) {
		int e = errno;

		snprintf(err, sizeof(err), "cannot fork: %s", strerror(e));
		not_started("fork", e, err, 1);
	}
	/* both sides set the group, so that it exists before anything could signal it */
	setpgid(child, child);
	out(report_fd, "pid %d", (int)child);

	signal(SIGPIPE, SIG_IGN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigchld;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);

	while (state == RUNNING) {
		struct pollfd pfd[2] = { { .fd = wake_pipe[0], .events = POLLIN },
					 { .fd = watch_control ? control_fd : -1, .events = POLLIN } };
		long left = deadline - now_ms();

		reap_others(child);
		if (child_ended(child)) {
			state = ENDED;
			break;
		}
		if (left <= 0) {
			state = TIMED_OUT;
			break;
		}
		if (poll(pfd, 2, left > 1000 ? 1000 : (int)left) < 0 && errno != EINTR) {
			state = ABORTED; /* cannot wait any more: end the step rather than leave it running */
			break;
		}
		if (pfd[0].revents)
			drain_wake_pipe();
		if (pfd[1].revents)
			state = ABORTED; /* input closed (or anything written): the driver ends the step */
	}
	/* the child is unreaped here: its process group id cannot belong to anyone else */
	if (kill(-child, SIGKILL) != 0 && state != ENDED)
		kill(child, SIGKILL);
	if (state != ENDED) {
		siginfo_t si;

		while (waitid(P_PID, (id_t)child, &si, WEXITED | WNOWAIT) != 0 && errno == EINTR)
			;
	}
	while (waitpid(child, &status, 0) < 0 && errno == EINTR)
		;
	reap_all();

	{
		uint32_t n = __atomic_load_n(&sh->ncalls, __ATOMIC_ACQUIRE);

		for (i = 0; i < n && i < prog.ncalls; i++)
			out(report_fd, "call %zu %lld %d", i, (long long)sh->calls[i].ret, (int)sh->calls[i].err);
	}
	if (state == TIMED_OUT) {
		out(report_fd, "timeout");
	} else if (state == ABORTED) {
		out(report_fd, "aborted");
	} else if (sh->fail_stage > STAGE_NONE && sh->fail_stage <= STAGE_EXEC && WIFEXITED(status) &&
		   WEXITSTATUS(status) == 127) {
		const char *stage = stage_names[sh->fail_stage];
		int e = sh->fail_errno;

		if (sh->fail_stage == STAGE_EXEC)
			snprintf(err, sizeof(err), "cannot execute %s: %s", prog.exec_path, strerror(e));
		else
			snprintf(err, sizeof(err), "%s failed: %s", stage, strerror(e));
		not_started(stage, e, err, 1);
	} else if (WIFSIGNALED(status)) {
		out(report_fd, "signaled %d", WTERMSIG(status));
	} else {
		out(report_fd, "exited %d", WEXITSTATUS(status));
	}
	out(report_fd, "end");
	return 0;
}
