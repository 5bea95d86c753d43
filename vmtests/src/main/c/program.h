/*
 * The step program of tpc's workload helper: what the Java driver (dev.tpc.workload) writes on the
 * helper's standard input, parsed into memory before anything is started.
 *
 * Encoding, version 1 (docs/workload-helper.md): a header line
 *
 *     tpc-workload 1 <length>\n
 *
 * then exactly <length> bytes of space- or newline-separated tokens:
 *
 *     timeout-ms <n>
 *     cgroup <hex>            optional: a cgroup v2 directory the child is born in
 *     no-clone3               optional: join the cgroup as kernels before 5.7 need (the child
 *                             writes "0" to cgroup.procs first thing); for tests of that path
 *     uid <n>                 optional
 *     gid <n>                 optional
 *     cwd <hex>
 *     stdout <hex>
 *     stderr <hex>
 *     env <hex>               zero or more, each "NAME=value"
 *     exec <hex path> <argc> <hex>...      one of exec and calls
 *     calls <n>  then n times:  call <number> <nargs> <arg>...
 *     end
 *
 * <hex> is "x" followed by an even number of hex digits ("x" alone is empty). An <arg> is one of
 *     int <signed decimal>    the value itself
 *     str <hex>               pointer to a copy of the bytes followed by a NUL
 *     in <hex>                pointer to a copy of the bytes
 *     out <size>              pointer to <size> zeroed bytes
 *     vec <n> <hex>...        pointer to a NULL-terminated array of n NUL-terminated strings
 *     ref <index>             return value of an earlier call of the same step
 *     pid                     the child's own pid
 */
#ifndef TPC_WORKLOAD_PROGRAM_H
#define TPC_WORKLOAD_PROGRAM_H

#include <stddef.h>
#include <stdint.h>

#define PROGRAM_VERSION 1
#define MAX_PROGRAM_BYTES (16u << 20)
#define MAX_CALLS 4096
#define MAX_STRINGS 4096 /* argv, env, one vec */
#define MAX_OUT_BUFFER (64u << 20)
#define MAX_OUT_TOTAL (256u << 20)
#define MAX_TIMEOUT_MS 86400000L
#define MAX_ARGS 6

enum arg_kind { ARG_INT, ARG_POINTER, ARG_RESULT, ARG_OWN_PID };

struct arg {
	enum arg_kind kind;
	long value; /* ARG_INT: the value; ARG_RESULT: the call's index */
	void *pointer; /* ARG_POINTER */
};

struct call {
	long number;
	int nargs;
	struct arg args[MAX_ARGS];
};

struct program {
	long timeout_ms;
	char *cgroup; /* NULL: none */
	int no_clone3;
	int has_uid, has_gid;
	uint32_t uid, gid;
	char *cwd, *stdout_path, *stderr_path;
	char **envp; /* NULL-terminated */
	int is_exec;
	char *exec_path;
	char **argv; /* NULL-terminated */
	struct call *calls;
	size_t ncalls;
};

/*
 * Parses text[0..len) into *p (all memory malloc'd and owned by *p, never freed: the process ends
 * soon after). Returns 0, or -1 with a message in err.
 */
int parse_program(char *text, size_t len, struct program *p, char *err, size_t errlen);

#endif
