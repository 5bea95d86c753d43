// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Exec tracking: keeps tpc_execve_map (host tgid -> tpc_proc) up to date and
 * emits TPC_EV_EXEC / TPC_EV_CLONE / TPC_EV_EXIT records.
 *
 * sched_process_exec's own filename field is the path as passed to execve and
 * bpf_d_path is not allowed in this hook, so the binary is resolved from
 * bprm->file by walking dentries and mounts (tpc_d_path). Raw tracepoints give
 * the bprm pointer (the regular tracepoint does not).
 */
#include "tpc_task.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

TPC_MAPS_GROUP_EXEC

TPC_INLINE struct tpc_exec_msg *tpc_exec_msg_get(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&tpc_exec_heap, &zero);
}

TPC_INLINE void tpc_header(struct tpc_event_header *h, __u16 kind, __u32 tgid, __u32 tid, __u64 ktime)
{
	h->kind = kind;
	h->flags = 0;
	h->size = 0;
	h->time = tpc_now();
	h->pid = tgid;
	h->tid = tid;
	h->ktime = ktime;
}

/* Copy the path the last tpc_d_path left in scratch to dst; returns the bytes copied. */
TPC_INLINE __u64 tpc_copy_path(__u8 *dst, struct tpc_scratch *sc, long r)
{
	__u64 len = tpc_path_len(r), start = sc->path_start;

	if (r == -1 || start > TPC_PATH_MAX - 1 || len > TPC_PATH_MAX)
		return 0;
	TPC_CLAMP(start, TPC_PATH_MAX - 1);
	TPC_CLAMP(len, TPC_PATH_MAX);
	bpf_probe_read_kernel(dst, len, &sc->path[start]);
	return len;
}

/*
 * Record the process that just exec'd: binary, cwd, argv, credentials,
 * namespaces and capabilities. Parent and followChildren bits come from the
 * entry its fork created, or from the parent task for older processes.
 */
TPC_GLOBAL int tpc_on_exec(__u64 bprm_addr)
{
	struct tpc_exec_msg *x = tpc_exec_msg_get();
	struct tpc_scratch *sc = tpc_scratch_get();
	struct task_struct *task = tpc_current();
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tgid = pid_tgid >> 32, ppid;
	struct tpc_proc *old, *parent, *proc;
	struct linux_binprm *bprm = (struct linux_binprm *)bprm_addr;
	struct file *file;
	struct mm_struct *mm;
	__u64 bin_len = 0, cwd_len = 0, args_len = 0, size;
	__u64 astart, aend, now = tpc_now();
	long r;

	if (!x || !sc)
		return -1;
	/* the new entry is built in the scratch key area (idle here) */
	proc = (struct tpc_proc *)sc->key;
	__builtin_memset(proc, 0, sizeof(*proc));
	old = bpf_map_lookup_elem(&tpc_execve_map, &tgid);
	if (old) {
		proc->ppid = old->ppid;
		proc->pktime = old->pktime;
		proc->mb_bitset = old->mb_bitset;
	} else {
		ppid = BPF_CORE_READ(task, real_parent, tgid);
		proc->ppid = ppid;
		parent = bpf_map_lookup_elem(&tpc_execve_map, &ppid);
		if (parent) {
			proc->pktime = parent->ktime;
			proc->mb_bitset = parent->mb_bitset;
		} else {
			proc->pktime = BPF_CORE_READ(task, real_parent, group_leader, start_boottime);
		}
	}
	proc->pid = tgid;
	proc->nspid = tpc_task_nspid(task);
	proc->ktime = now;
	proc->flags = TPC_PROC_EXEC;
	proc->uid = BPF_CORE_READ(task, cred, uid.val);
	proc->euid = BPF_CORE_READ(task, cred, euid.val);
	proc->gid = BPF_CORE_READ(task, cred, gid.val);
	proc->egid = BPF_CORE_READ(task, cred, egid.val);
	proc->auid = tpc_task_auid(task);
	tpc_task_namespaces(task, proc->ns);
	tpc_task_caps(task, proc->caps);

	/* binary */
	file = BPF_CORE_READ(bprm, file);
	r = file ? tpc_d_path((__u64)file + bpf_core_field_offset(struct file, f_path)) : -1;
	if (r != -1) {
		if (r < -1)
			proc->flags |= TPC_PROC_BIN_TRUNCATED;
		bin_len = tpc_copy_path(x->data, sc, r);
		tpc_proc_set_binary(proc, sc, bin_len);
		{
			__u64 *bits = bpf_map_lookup_elem(&tg_mbset_map, proc->bin);

			if (bits)
				proc->mb_bitset |= *bits;
		}
	}
	if (bpf_map_update_elem(&tpc_execve_map, &tgid, proc, BPF_ANY))
		tpc_count(TPC_CNT_EXECVE_MAP_FULL);

	/* cwd */
	TPC_CLAMP(bin_len, TPC_PATH_MAX);
	r = tpc_d_path((__u64)BPF_CORE_READ(task, fs) + bpf_core_field_offset(struct fs_struct, pwd));
	if (r < -1)
		proc->flags |= TPC_PROC_CWD_TRUNCATED;
	cwd_len = tpc_copy_path(&x->data[bin_len], sc, r);

	/* argv area of the new image */
	mm = BPF_CORE_READ(task, mm);
	astart = BPF_CORE_READ(mm, arg_start);
	aend = BPF_CORE_READ(mm, arg_end);
	if (aend > astart) {
		args_len = aend - astart;
		if (args_len > TPC_EXEC_ARGS_MAX) {
			args_len = TPC_EXEC_ARGS_MAX;
			proc->flags |= TPC_PROC_ARGS_TRUNCATED;
		}
		TPC_CLAMP(cwd_len, TPC_PATH_MAX);
		TPC_CLAMP(args_len, TPC_EXEC_ARGS_MAX);
		if (bpf_probe_read_user(&x->data[bin_len + cwd_len], args_len, (const void *)astart))
			args_len = 0;
	}

	tpc_header(&x->ev.hdr, TPC_EV_EXEC, tgid, (__u32)pid_tgid, now);
	x->ev.ppid = proc->ppid;
	x->ev.nspid = proc->nspid;
	x->ev.pktime = proc->pktime;
	x->ev.uid = proc->uid;
	x->ev.euid = proc->euid;
	x->ev.gid = proc->gid;
	x->ev.egid = proc->egid;
	x->ev.auid = proc->auid;
	x->ev.proc_flags = proc->flags;
	bpf_probe_read_kernel(x->ev.caps, sizeof(x->ev.caps), proc->caps);
	bpf_probe_read_kernel(x->ev.ns, sizeof(x->ev.ns), proc->ns);
	x->ev.bin_len = bin_len;
	x->ev.cwd_len = cwd_len;
	x->ev.args_len = args_len;
	x->ev.pad = 0;
	size = sizeof(x->ev) + bin_len + cwd_len + args_len;
	TPC_CLAMP(size, sizeof(struct tpc_exec_msg));
	x->ev.hdr.size = size;
	if (bpf_ringbuf_output(&tpc_events, x, size, 0))
		tpc_count(TPC_CNT_RINGBUF_LOST);
	else
		tpc_count(TPC_CNT_EVENTS);
	return 0;
}

SEC("raw_tp/sched_process_exec")
int tpc_exec(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 bprm = 0;

	/* args: task, old_pid, bprm (helper read: see tpc_raw_tp's note on ctx offsets) */
	bpf_probe_read_kernel(&bprm, sizeof(bprm), &ctx->args[2]);
	tpc_on_exec(bprm);
	return 0;
}

/* A new process (not a thread): the child's entry starts as a copy of the parent's. */
TPC_GLOBAL int tpc_on_fork(__u64 child_addr)
{
	struct task_struct *child = (struct task_struct *)child_addr;
	struct tpc_scratch *sc = tpc_scratch_get();
	struct tpc_event_header *h;
	struct tpc_clone_event *ev;
	struct tpc_proc *parent, *proc;
	__u32 pid = BPF_CORE_READ(child, pid), tgid = BPF_CORE_READ(child, tgid);
	__u32 ptgid = bpf_get_current_pid_tgid() >> 32;
	__u64 now = tpc_now();

	if (!sc || pid != tgid)
		return 0;
	parent = bpf_map_lookup_elem(&tpc_execve_map, &ptgid);
	if (!parent) {
		tpc_proc_lazy();
		parent = bpf_map_lookup_elem(&tpc_execve_map, &ptgid);
	}
	proc = (struct tpc_proc *)sc->key;
	if (parent)
		bpf_probe_read_kernel(proc, sizeof(*proc), parent);
	else
		__builtin_memset(proc, 0, sizeof(*proc));
	proc->pid = tgid;
	proc->nspid = tpc_task_nspid(child);
	proc->ppid = ptgid;
	proc->pktime = parent ? parent->ktime : 0;
	proc->ktime = now;
	proc->flags = (proc->flags & (TPC_PROC_BIN_TRUNCATED)) | TPC_PROC_CLONE;
	if (bpf_map_update_elem(&tpc_execve_map, &tgid, proc, BPF_ANY))
		tpc_count(TPC_CNT_EXECVE_MAP_FULL);

	ev = (struct tpc_clone_event *)sc->tmp;
	h = &ev->hdr;
	tpc_header(h, TPC_EV_CLONE, tgid, pid, now);
	h->size = sizeof(*ev);
	ev->ppid = ptgid;
	ev->proc_flags = proc->flags;
	ev->pktime = proc->pktime;
	if (bpf_ringbuf_output(&tpc_events, ev, sizeof(*ev), 0))
		tpc_count(TPC_CNT_RINGBUF_LOST);
	else
		tpc_count(TPC_CNT_EVENTS);
	return 0;
}

SEC("raw_tp/sched_process_fork")
int tpc_fork(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 child = 0;

	/* args: parent, child */
	bpf_probe_read_kernel(&child, sizeof(child), &ctx->args[1]);
	tpc_on_fork(child);
	return 0;
}

/* The last thread of a process exits: report it and forget the entry. */
TPC_GLOBAL int tpc_on_exit(void)
{
	struct task_struct *task = tpc_current();
	struct tpc_scratch *sc = tpc_scratch_get();
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tgid = pid_tgid >> 32;
	struct tpc_exit_event *ev;
	struct tpc_proc *proc;

	if (!sc)
		return 0;
	/* signal->live drops to 0 (before this tracepoint) when the last thread exits */
	if (BPF_CORE_READ(task, signal, live.counter) != 0)
		return 0;
	proc = bpf_map_lookup_elem(&tpc_execve_map, &tgid);
	ev = (struct tpc_exit_event *)sc->tmp;
	tpc_header(&ev->hdr, TPC_EV_EXIT, tgid, (__u32)pid_tgid, proc ? proc->ktime : 0);
	if (!proc)
		ev->hdr.flags |= TPC_EVF_PROC_NOT_FOUND;
	ev->hdr.size = sizeof(*ev);
	ev->ppid = proc ? proc->ppid : BPF_CORE_READ(task, real_parent, tgid);
	ev->exit_code = BPF_CORE_READ(task, exit_code);
	ev->pktime = proc ? proc->pktime : 0;
	if (bpf_ringbuf_output(&tpc_events, ev, sizeof(*ev), 0))
		tpc_count(TPC_CNT_RINGBUF_LOST);
	else
		tpc_count(TPC_CNT_EVENTS);
	if (proc)
		bpf_map_delete_elem(&tpc_execve_map, &tgid);
	return 0;
}

SEC("raw_tp/sched_process_exit")
int tpc_exit(struct bpf_raw_tracepoint_args *ctx)
{
	tpc_on_exit();
	return 0;
}
