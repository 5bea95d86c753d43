/* Small libbpf helpers shared by the developer tools (not shipped). */
#ifndef TPCDEV_H
#define TPCDEV_H
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "tpc_abi_user.h"

static int tpcdev_verbose;
static char tpcdev_log[1 << 16];

static int tpcdev_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	static char buf[1 << 24];
	if (level == LIBBPF_DEBUG && tpcdev_verbose < 2)
		return 0;
	vsnprintf(buf, sizeof buf, fmt, ap);
	if (strlen(tpcdev_log) + strlen(buf) >= sizeof tpcdev_log - 1)
		memmove(tpcdev_log, tpcdev_log + sizeof tpcdev_log / 2, strlen(tpcdev_log + sizeof tpcdev_log / 2) + 1);
	strncat(tpcdev_log, buf + (strlen(buf) > sizeof tpcdev_log / 2 ? strlen(buf) - sizeof tpcdev_log / 2 : 0), sizeof tpcdev_log / 2);
	if (tpcdev_verbose)
		fputs(buf, stderr);
	return 0;
}

/* Open an object and write the .rodata config before load. */
static struct bpf_object *tpcdev_open(const char *path, const struct tpc_hook_config *cfg)
{
	struct bpf_object *obj;
	struct bpf_map *map;

	libbpf_set_print(tpcdev_print);
	obj = bpf_object__open_file(path, NULL);
	if (!obj || libbpf_get_error(obj)) {
		fprintf(stderr, "open %s failed\n", path);
		return NULL;
	}
	bpf_object__for_each_map(map, obj) {
		if (cfg && strstr(bpf_map__name(map), ".rodata")) {
			size_t size = 0;
			void *data = (void *)bpf_map__initial_value(map, &size);

			if (!data || size < sizeof(*cfg)) {
				fprintf(stderr, ".rodata too small (%zu)\n", size);
				return NULL;
			}
			memcpy(data, cfg, sizeof(*cfg));
		}
	}
	return obj;
}

static __u32 tpcdev_verified_insns(int prog_fd)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	if (bpf_obj_get_info_by_fd(prog_fd, &info, &len))
		return 0;
	return info.verified_insns;
}

static int tpcdev_map_fd(struct bpf_object *obj, const char *name)
{
	struct bpf_map *m = bpf_object__find_map_by_name(obj, name);
	return m ? bpf_map__fd(m) : -1;
}

/* Create an inner map and store it at outer[idx]. Returns the inner fd. */
static __attribute__((unused)) int tpcdev_inner(struct bpf_object *obj, const char *outer, __u32 idx, enum bpf_map_type type,
			__u32 key_size, __u32 value_size, __u32 max, __u32 flags)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .map_flags = flags);
	int ofd = tpcdev_map_fd(obj, outer), fd;

	if (ofd < 0) {
		fprintf(stderr, "no map %s\n", outer);
		exit(2);
	}
	fd = bpf_map_create(type, NULL, key_size, value_size, max, &o);
	if (fd < 0) {
		fprintf(stderr, "inner map for %s: %s\n", outer, strerror(errno));
		exit(2);
	}
	if (bpf_map_update_elem(ofd, &idx, &fd, BPF_ANY)) {
		fprintf(stderr, "outer %s[%u]: %s\n", outer, idx, strerror(errno));
		exit(2);
	}
	return fd;
}
#endif
