/*
 * The parser of the step program (program.h). It trusts nothing: every count is bounded, every
 * number range-checked, every reference checked to point backwards, and any malformed input ends
 * in a message rather than a crash (the fuzz test in WorkloadProtocolTest feeds it garbage).
 */
#include "program.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parser {
	char *text;
	size_t len, pos;
	unsigned token; /* 1-based number of the last token read */
	size_t out_total;
	char *err;
	size_t errlen;
};

static int fail(struct parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct parser *ps, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(ps->err, ps->errlen, "token %u: ", ps->token);

	if (n < 0 || (size_t)n >= ps->errlen)
		n = 0;
	va_start(ap, fmt);
	vsnprintf(ps->err + n, ps->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static int is_space(char c)
{
	return c == ' ' || c == '\n';
}

/* The next token, NUL-terminated in place; NULL at the end of the text. */
static char *next(struct parser *ps)
{
	char *start;

	while (ps->pos < ps->len && is_space(ps->text[ps->pos]))
		ps->pos++;
	if (ps->pos >= ps->len)
		return NULL;
	start = ps->text + ps->pos;
	while (ps->pos < ps->len && !is_space(ps->text[ps->pos]))
		ps->pos++;
	if (ps->pos < ps->len)
		ps->text[ps->pos++] = '\0';
	else
		ps->text[ps->len] = '\0'; /* the buffer has one byte more than len */
	ps->token++;
	return start;
}

/* A short printable rendering of a token for messages. */
static const char *shown(const char *t)
{
	static char buf[40];
	size_t i;

	for (i = 0; t[i] && i < sizeof(buf) - 4; i++)
		buf[i] = (t[i] >= 0x20 && t[i] < 0x7f) ? t[i] : '?';
	if (t[i])
		buf[i++] = '.', buf[i++] = '.', buf[i++] = '.';
	buf[i] = '\0';
	return buf;
}

static int expect_token(struct parser *ps, char **out, const char *what)
{
	*out = next(ps);
	if (!*out)
		return fail(ps, "the program ends where %s was expected", what);
	return 0;
}

static int number(struct parser *ps, long min, long max, long *out, const char *what)
{
	char *t, *end;
	long v;

	if (expect_token(ps, &t, what))
		return -1;
	if (!((t[0] >= '0' && t[0] <= '9') || (t[0] == '-' && t[1] >= '0' && t[1] <= '9')))
		return fail(ps, "%s must be a decimal number, not \"%s\"", what, shown(t));
	errno = 0;
	v = strtol(t, &end, 10);
	if (errno || *end)
		return fail(ps, "%s must be a decimal number, not \"%s\"", what, shown(t));
	if (v < min || v > max)
		return fail(ps, "%s %ld is out of range [%ld, %ld]", what, v, min, max);
	*out = v;
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A hex token decoded into a fresh allocation with a NUL after it (len excludes the NUL). */
static int hex(struct parser *ps, char **out, size_t *outlen, const char *what)
{
	char *t, *buf;
	size_t n, i;

	if (expect_token(ps, &t, what))
		return -1;
	if (t[0] != 'x')
		return fail(ps, "%s must be hex bytes (x...), not \"%s\"", what, shown(t));
	t++;
	n = strlen(t);
	if (n % 2)
		return fail(ps, "%s has an odd number of hex digits", what);
	buf = malloc(n / 2 + 1);
	if (!buf)
		return fail(ps, "out of memory");
	for (i = 0; i < n / 2; i++) {
		int hi = hexval(t[2 * i]), lo = hexval(t[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			free(buf);
			return fail(ps, "%s has a character that is not a hex digit", what);
		}
		buf[i] = (char)(hi << 4 | lo);
	}
	buf[n / 2] = '\0';
	*out = buf;
	if (outlen)
		*outlen = n / 2;
	return 0;
}

/* A hex token that must be a C string (no NUL inside) and, when nonempty is set, not empty. */
static int cstring(struct parser *ps, char **out, int nonempty, const char *what)
{
	size_t n;

	if (hex(ps, out, &n, what))
		return -1;
	if (strlen(*out) != n)
		return fail(ps, "%s has a NUL byte inside", what);
	if (nonempty && n == 0)
		return fail(ps, "%s is empty", what);
	return 0;
}

static int keyword(struct parser *ps, const char *want)
{
	char *t;

	if (expect_token(ps, &t, want))
		return -1;
	if (strcmp(t, want))
		return fail(ps, "expected \"%s\", not \"%s\"", want, shown(t));
	return 0;
}

/* n strings into a NULL-terminated array. */
static int strings(struct parser *ps, long n, char ***out, const char *what)
{
	char **v = calloc((size_t)n + 1, sizeof(char *));
	long i;

	if (!v)
		return fail(ps, "out of memory");
	for (i = 0; i < n; i++)
		if (cstring(ps, &v[i], 0, what))
			return -1;
	*out = v;
	return 0;
}

static int parse_arg(struct parser *ps, struct arg *a, size_t call_index)
{
	char *t;
	long n;

	if (expect_token(ps, &t, "an argument"))
		return -1;
	if (!strcmp(t, "int")) {
		a->kind = ARG_INT;
		return number(ps, LONG_MIN, LONG_MAX, &a->value, "an int argument");
	}
	if (!strcmp(t, "str")) {
		char *s;

		a->kind = ARG_POINTER;
		if (hex(ps, &s, NULL, "a str argument"))
			return -1;
		a->pointer = s;
		return 0;
	}
	if (!strcmp(t, "in")) {
		char *s;
		size_t len;

		a->kind = ARG_POINTER;
		if (hex(ps, &s, &len, "an in argument"))
			return -1;
		a->pointer = s; /* the NUL after the bytes is harmless and never counted */
		return 0;
	}
	if (!strcmp(t, "out")) {
		void *buf;

		if (number(ps, 0, MAX_OUT_BUFFER, &n, "an out buffer's size"))
			return -1;
		if (ps->out_total + (size_t)n > MAX_OUT_TOTAL)
			return fail(ps, "the out buffers of the step take more than %u bytes", MAX_OUT_TOTAL);
		ps->out_total += (size_t)n;
		/* allocated now, zeroed, so that the child allocates nothing between its calls */
		buf = calloc(1, n ? (size_t)n : 1);
		if (!buf)
			return fail(ps, "out of memory for an out buffer of %ld bytes", n);
		a->kind = ARG_POINTER;
		a->pointer = buf;
		return 0;
	}
	if (!strcmp(t, "vec")) {
		char **v;

		if (number(ps, 0, MAX_STRINGS, &n, "a vec's length") || strings(ps, n, &v, "a vec element"))
			return -1;
		a->kind = ARG_POINTER;
		a->pointer = v;
		return 0;
	}
	if (!strcmp(t, "ref")) {
		if (call_index == 0)
			return fail(ps, "the first call cannot refer to an earlier call's result");
		a->kind = ARG_RESULT;
		return number(ps, 0, (long)call_index - 1, &a->value, "a ref (an earlier call's index)");
	}
	if (!strcmp(t, "pid")) {
		a->kind = ARG_OWN_PID;
		return 0;
	}
	return fail(ps, "unknown argument kind \"%s\" (int, str, in, out, vec, ref, pid)", shown(t));
}

static int parse_calls(struct parser *ps, struct program *p)
{
	long n, i, j, nargs;

	if (number(ps, 0, MAX_CALLS, &n, "the number of calls"))
		return -1;
	p->calls = calloc((size_t)n + 1, sizeof(struct call));
	if (!p->calls)
		return fail(ps, "out of memory");
	for (i = 0; i < n; i++) {
		struct call *c = &p->calls[i];

		if (keyword(ps, "call") || number(ps, 0, 4095, &c->number, "a system call number") ||
		    number(ps, 0, MAX_ARGS, &nargs, "a call's number of arguments"))
			return -1;
		c->nargs = (int)nargs;
		for (j = 0; j < nargs; j++)
			if (parse_arg(ps, &c->args[j], (size_t)i))
				return -1;
	}
	p->ncalls = (size_t)n;
	return 0;
}

int parse_program(char *text, size_t len, struct program *p, char *err, size_t errlen)
{
	struct parser ps = { .text = text, .len = len, .err = err, .errlen = errlen };
	char **env = calloc(MAX_STRINGS + 1, sizeof(char *));
	size_t nenv = 0;
	int have_timeout = 0, have_action = 0;
	long v;
	char *t;

	memset(p, 0, sizeof(*p));
	if (!env)
		return fail(&ps, "out of memory");
	p->envp = env;
	for (;;) {
		if (expect_token(&ps, &t, "\"end\""))
			return -1;
		if (!strcmp(t, "end"))
			break;
		if (!strcmp(t, "timeout-ms")) {
			if (number(&ps, 1, MAX_TIMEOUT_MS, &p->timeout_ms, "timeout-ms"))
				return -1;
			have_timeout = 1;
		} else if (!strcmp(t, "cgroup")) {
			if (p->cgroup)
				return fail(&ps, "a second cgroup");
			if (cstring(&ps, &p->cgroup, 1, "the cgroup"))
				return -1;
		} else if (!strcmp(t, "no-clone3")) {
			p->no_clone3 = 1;
		} else if (!strcmp(t, "uid") || !strcmp(t, "gid")) {
			int is_uid = t[0] == 'u';

			/* (uid_t)-1 means "unchanged" to the kernel: not a user anyone can switch to */
			if (number(&ps, 0, 4294967294L, &v, is_uid ? "uid" : "gid"))
				return -1;
			if (is_uid)
				p->has_uid = 1, p->uid = (uint32_t)v;
			else
				p->has_gid = 1, p->gid = (uint32_t)v;
		} else if (!strcmp(t, "cwd")) {
			if (cstring(&ps, &p->cwd, 1, "cwd"))
				return -1;
		} else if (!strcmp(t, "stdout")) {
			if (cstring(&ps, &p->stdout_path, 1, "stdout"))
				return -1;
		} else if (!strcmp(t, "stderr")) {
			if (cstring(&ps, &p->stderr_path, 1, "stderr"))
				return -1;
		} else if (!strcmp(t, "env")) {
			if (nenv >= MAX_STRINGS)
				return fail(&ps, "more than %d environment variables", MAX_STRINGS);
			if (cstring(&ps, &env[nenv], 1, "an environment variable"))
				return -1;
			if (!strchr(env[nenv], '='))
				return fail(&ps, "an environment variable without '='");
			nenv++;
		} else if (!strcmp(t, "exec")) {
			if (have_action++)
				return fail(&ps, "a second action (exec or calls)");
			p->is_exec = 1;
			if (cstring(&ps, &p->exec_path, 1, "the command's path") ||
			    number(&ps, 0, MAX_STRINGS, &v, "the command's argc") ||
			    strings(&ps, v, &p->argv, "a command argument"))
				return -1;
		} else if (!strcmp(t, "calls")) {
			if (have_action++)
				return fail(&ps, "a second action (exec or calls)");
			if (parse_calls(&ps, p))
				return -1;
		} else {
			return fail(&ps, "unknown field \"%s\"", shown(t));
		}
	}
	if (next(&ps))
		return fail(&ps, "text after \"end\"");
	if (!have_timeout)
		return fail(&ps, "no timeout-ms");
	if (!have_action)
		return fail(&ps, "no action (exec or calls)");
	if (!p->cwd || !p->stdout_path || !p->stderr_path)
		return fail(&ps, "cwd, stdout and stderr are required");
	return 0;
}
