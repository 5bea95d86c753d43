/*
 * tpcverify OBJ [key=value ...]: load a template with a .rodata config and print,
 * per program, the verifier's processed-instruction count (verified_insns).
 * Keys: kind, sections, actions, argops, binops, maxsel, nargs, flags, types, self, pair (numbers, 0x.. ok);
 * prog=NAME loads only that program of the object (e.g. the return program with kind=6).
 * "all" sets every section, operator, action and type (the worst case for the verifier).
 */
#include "tpcdev.h"

int main(int argc, char **argv)
{
	struct tpc_hook_config cfg = { .hook_kind = TPC_HOOK_RAW_TP, .hook_id = 1 };
	struct bpf_object *obj;
	struct bpf_program *p;
	const char *only = NULL;
	int i, err;

	if (argc < 2) {
		fprintf(stderr, "usage: tpcverify [-v] OBJ [key=value|all ...]\n");
		return 2;
	}
	i = 1;
	if (!strcmp(argv[i], "-v")) {
		tpcdev_verbose = 1;
		i++;
	}
	const char *path = argv[i++];
	for (; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		unsigned long long v = eq ? strtoull(eq + 1, NULL, 0) : 0;
		if (!strcmp(argv[i], "all")) {
			cfg.sections = 0x1ff; cfg.actions = 0x7fff; cfg.arg_ops = ~0ULL; cfg.bin_ops = ~0U;
			cfg.max_selectors = 5; cfg.nargs = 5; cfg.arg_types = ~0ULL;
		} else if (!strncmp(argv[i], "kind=", 5)) cfg.hook_kind = v;
		else if (!strncmp(argv[i], "sections=", 9)) cfg.sections = v;
		else if (!strncmp(argv[i], "actions=", 8)) cfg.actions = v;
		else if (!strncmp(argv[i], "argops=", 7)) cfg.arg_ops = v;
		else if (!strncmp(argv[i], "binops=", 7)) cfg.bin_ops = v;
		else if (!strncmp(argv[i], "maxsel=", 7)) cfg.max_selectors = v;
		else if (!strncmp(argv[i], "nargs=", 6)) cfg.nargs = v;
		else if (!strncmp(argv[i], "flags=", 6)) cfg.flags = v;
		else if (!strncmp(argv[i], "types=", 6)) cfg.arg_types = v;
		else if (!strncmp(argv[i], "self=", 5)) cfg.self_tgid = v;
		else if (!strncmp(argv[i], "pair=", 5)) cfg.pair_id = v;
		else if (!strncmp(argv[i], "prog=", 5)) only = argv[i] + 5;
		else { fprintf(stderr, "bad option %s\n", argv[i]); return 2; }
	}
	obj = tpcdev_open(path, &cfg);
	if (!obj)
		return 1;
	bpf_object__for_each_program(p, obj) {
		bpf_program__set_log_level(p, 1 | 4);
		if (only)
			bpf_program__set_autoload(p, !strcmp(bpf_program__name(p), only));
	}
	err = bpf_object__load(obj);
	if (err) {
		char *s = strstr(tpcdev_log, "processed");
		fprintf(stderr, "load failed: %d\n%s\n", err, tpcdev_verbose ? "" : tpcdev_log + (strlen(tpcdev_log) > 6000 ? strlen(tpcdev_log) - 6000 : 0));
		(void)s;
		return 1;
	}
	bpf_object__for_each_program(p, obj)
		if (!only || !strcmp(bpf_program__name(p), only))
			printf("%s %s verified_insns=%u\n", path, bpf_program__name(p), tpcdev_verified_insns(bpf_program__fd(p)));
	bpf_object__close(obj);
	return 0;
}
