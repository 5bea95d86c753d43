/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * What tpc reads about tasks: namespaces, capabilities, credentials, the pid
 * in the task's own pid namespace, resolved file paths, and the tpc_execve_map
 * entry of a process (created on first sight for processes that predate the
 * exec tracker).
 */
#ifndef TPC_TASK_H
#define TPC_TASK_H

#include "tpc_common.h"

TPC_INLINE struct task_struct *tpc_current(void)
{
	return (struct task_struct *)bpf_get_current_task();
}

/* The upid of a pid at its deepest (the task's own) namespace level. */
TPC_INLINE __u64 tpc_upid_addr(struct pid *pid)
{
	unsigned int level = BPF_CORE_READ(pid, level);

	if (level > 32)
		level = 32;
	return (__u64)pid + bpf_core_field_offset(struct pid, numbers) +
	       (__u64)level * bpf_core_type_size(struct upid);
}

/* pid number of the task's thread-group leader in its own pid namespace. */
TPC_INLINE __u32 tpc_task_nspid(struct task_struct *task)
{
	struct pid *pid = BPF_CORE_READ(task, group_leader, thread_pid);
	struct upid *upid;
	int nr = 0;

	if (!pid)
		return 0;
	upid = (struct upid *)tpc_upid_addr(pid);
	bpf_core_read(&nr, sizeof(nr), &upid->nr);
	return nr;
}

/* Namespace inode numbers, indexed by TG_NS_*. */
TPC_INLINE void tpc_task_namespaces(struct task_struct *task, __u32 *ns)
{
	struct nsproxy *nsp = BPF_CORE_READ(task, nsproxy);
	struct pid *pid = BPF_CORE_READ(task, thread_pid);

	ns[TG_NS_USER] = BPF_CORE_READ(task, cred, user_ns, ns.inum);
	if (pid) {
		struct upid *upid = (struct upid *)tpc_upid_addr(pid);
		struct pid_namespace *pidns = NULL;

		bpf_core_read(&pidns, sizeof(pidns), &upid->ns);
		ns[TG_NS_PID] = BPF_CORE_READ(pidns, ns.inum);
	}
	if (!nsp)
		return; /* exiting task */
	ns[TG_NS_UTS] = BPF_CORE_READ(nsp, uts_ns, ns.inum);
	ns[TG_NS_IPC] = BPF_CORE_READ(nsp, ipc_ns, ns.inum);
	ns[TG_NS_MNT] = BPF_CORE_READ(nsp, mnt_ns, ns.inum);
	ns[TG_NS_PID_FOR_CHILDREN] = BPF_CORE_READ(nsp, pid_ns_for_children, ns.inum);
	ns[TG_NS_NET] = BPF_CORE_READ(nsp, net_ns, ns.inum);
	if (bpf_core_field_exists(nsp->time_ns)) {
		ns[TG_NS_TIME] = BPF_CORE_READ(nsp, time_ns, ns.inum);
		ns[TG_NS_TIME_FOR_CHILDREN] = BPF_CORE_READ(nsp, time_ns_for_children, ns.inum);
	}
	ns[TG_NS_CGROUP] = BPF_CORE_READ(nsp, cgroup_ns, ns.inum);
}

/* Capability sets, indexed by TG_CAPSET_*. */
TPC_INLINE void tpc_task_caps(struct task_struct *task, __u64 *caps)
{
	const struct cred *cred = BPF_CORE_READ(task, cred);

	bpf_core_read(&caps[TG_CAPSET_PERMITTED], 8, &cred->cap_permitted);
	bpf_core_read(&caps[TG_CAPSET_EFFECTIVE], 8, &cred->cap_effective);
	bpf_core_read(&caps[TG_CAPSET_INHERITABLE], 8, &cred->cap_inheritable);
}

TPC_INLINE __u32 tpc_task_auid(struct task_struct *task)
{
	if (bpf_core_field_exists(task->loginuid))
		return BPF_CORE_READ(task, loginuid.val);
	return 0xffffffff;
}

TPC_INLINE __u64 tpc_task_start(struct task_struct *task)
{
	if (bpf_core_field_exists(task->start_boottime))
		return BPF_CORE_READ(task, group_leader, start_boottime);
	return BPF_CORE_READ(task, group_leader, start_time);
}

/*
 * Resolve a struct path (kernel address) to an absolute path, walking dentries
 * up to the task's root and crossing mounts, like d_path() but bounded to
 * TPC_PATH_COMPONENTS_MAX components (bpf_d_path is not allowed in most hooks).
 * The result is scratch->path[path_start .. TPC_PATH_MAX), not NUL-terminated.
 * Returns its length (>= 1), or -length - 1 (<= -2) when the walk stopped at
 * the bounds (the path then lacks its leading components), or -1 on error.
 */
TPC_GLOBAL long tpc_d_path(__u64 path_addr)
{
	struct tpc_scratch *sc = tpc_scratch_get();
	struct path *p = (struct path *)path_addr;
	struct task_struct *task = tpc_current();
	struct dentry *dentry, *root_dentry;
	struct vfsmount *vfsmnt, *root_mnt;
	struct mount *mnt;
	__u32 pos = TPC_PATH_MAX;
	int truncated = 1;
	int i;

	if (!sc || !path_addr)
		return -1;
	dentry = BPF_CORE_READ(p, dentry);
	vfsmnt = BPF_CORE_READ(p, mnt);
	root_dentry = BPF_CORE_READ(task, fs, root.dentry);
	root_mnt = BPF_CORE_READ(task, fs, root.mnt);
	if (!dentry || !vfsmnt)
		return -1;
	mnt = (struct mount *)((__u64)vfsmnt - bpf_core_field_offset(struct mount, mnt));

	for (i = 0; i < TPC_PATH_COMPONENTS_MAX; i++) {
		struct dentry *parent, *mnt_root;
		const unsigned char *name;
		__u32 len;

		/*
		 * Forget pos's exact range (it is <= TPC_PATH_MAX anyway): every path
		 * through the loop body then reaches the next iteration in the same
		 * verifier state, which keeps verification linear in the bound.
		 */
		pos &= 0x1fff;
		tpc_barrier_var(pos);
		if (dentry == root_dentry && vfsmnt == root_mnt) {
			truncated = 0;
			break;
		}
		mnt_root = BPF_CORE_READ(vfsmnt, mnt_root);
		if (dentry == mnt_root) {
			struct mount *up = BPF_CORE_READ(mnt, mnt_parent);

			if (up == mnt || !up) {
				truncated = 0; /* global root */
				break;
			}
			dentry = BPF_CORE_READ(mnt, mnt_mountpoint);
			mnt = up;
			vfsmnt = (struct vfsmount *)((__u64)up + bpf_core_field_offset(struct mount, mnt));
			continue;
		}
		parent = BPF_CORE_READ(dentry, d_parent);
		if (parent == dentry || !parent) {
			truncated = 0; /* root of a detached tree */
			break;
		}
		len = BPF_CORE_READ(dentry, d_name.len);
		name = BPF_CORE_READ(dentry, d_name.name);
		len &= 255;
		if (len + 1 > pos)
			break;
		pos -= len;
		tpc_barrier_var(pos);
		if (pos > TPC_PATH_MAX - 1)
			return -1;
		bpf_probe_read_kernel(&sc->path[pos], len, name);
		pos -= 1;
		tpc_barrier_var(pos);
		if (pos > TPC_PATH_MAX - 1)
			return -1;
		sc->path[pos] = '/';
		dentry = parent;
	}
	if (pos == TPC_PATH_MAX) {
		pos = TPC_PATH_MAX - 1;
		sc->path[TPC_PATH_MAX - 1] = '/';
	}
	sc->path_start = pos;
	sc->path_len = TPC_PATH_MAX - pos;
	return truncated ? -(long)(TPC_PATH_MAX - pos) - 1 : (long)(TPC_PATH_MAX - pos);
}

/* Length of a tpc_d_path result, whether cut or not. */
TPC_INLINE long tpc_path_len(long r)
{
	return r < 0 ? -r - 1 : r;
}

/* Fill the binary fields of a process entry from a resolved path in scratch. */
TPC_INLINE void tpc_proc_set_binary(struct tpc_proc *proc, struct tpc_scratch *sc, __u32 len)
{
	__u32 start = sc->path_start, n, tail, i;

	proc->bin_len = len;
	n = len > TPC_BINARY_PATH_LEN - 1 ? TPC_BINARY_PATH_LEN - 1 : len;
	if (start > TPC_PATH_MAX - 1)
		return;
	__builtin_memset(proc->bin, 0, sizeof(proc->bin));
	bpf_probe_read_kernel(proc->bin, TPC_MASK(n, 255), &sc->path[start]);
	/* last bytes reversed: the Postfix key of matchBinaries */
	tail = len > TG_STRING_POSTFIX_MATCH_MAX ? TG_STRING_POSTFIX_MATCH_MAX : len;
	__builtin_memset(proc->bin_tail_rev, 0, sizeof(proc->bin_tail_rev));
	for (i = 0; i < TG_STRING_POSTFIX_MATCH_MAX; i++) {
		__u32 src;

		if (i >= tail)
			break;
		src = start + len - 1 - i;
		if (src > TPC_PATH_MAX - 1)
			break;
		proc->bin_tail_rev[i] = sc->path[src];
	}
}

/*
 * The process entry of the current task, created from the task itself when the
 * exec tracker has not seen it (started before tpc, or a lost event): binary
 * from mm->exe_file, start time from the task, flags PROCFS. Returns 0 if the
 * entry exists or was created.
 */
TPC_GLOBAL int tpc_proc_lazy(void)
{
	struct task_struct *task = tpc_current();
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	struct tpc_scratch *sc;
	struct tpc_proc *parent_entry;
	struct tpc_proc *proc;
	struct file *exe;
	__u32 ppid;
	long r;

	if (bpf_map_lookup_elem(&tpc_execve_map, &tgid))
		return 0;
	sc = tpc_scratch_get();
	if (!sc)
		return -1;
	/* build the entry in the scratch key area: it is larger than a tpc_proc and idle here */
	proc = (struct tpc_proc *)sc->key;
	__builtin_memset(proc, 0, sizeof(*proc));
	proc->pid = tgid;
	proc->nspid = tpc_task_nspid(task);
	proc->ktime = tpc_task_start(task);
	proc->flags = TPC_PROC_PROCFS;
	ppid = BPF_CORE_READ(task, real_parent, tgid);
	proc->ppid = ppid;
	parent_entry = bpf_map_lookup_elem(&tpc_execve_map, &ppid);
	if (parent_entry) {
		proc->pktime = parent_entry->ktime;
		proc->mb_bitset = parent_entry->mb_bitset;
	} else {
		proc->pktime = BPF_CORE_READ(task, real_parent, group_leader, start_boottime);
	}
	proc->uid = BPF_CORE_READ(task, cred, uid.val);
	proc->euid = BPF_CORE_READ(task, cred, euid.val);
	proc->gid = BPF_CORE_READ(task, cred, gid.val);
	proc->egid = BPF_CORE_READ(task, cred, egid.val);
	proc->auid = tpc_task_auid(task);
	tpc_task_namespaces(task, proc->ns);
	tpc_task_caps(task, proc->caps);
	exe = BPF_CORE_READ(task, mm, exe_file);
	if (exe) {
		r = tpc_d_path((__u64)&exe->f_path);
		if (r != -1) {
			if (r < 0)
				proc->flags |= TPC_PROC_BIN_TRUNCATED;
			tpc_proc_set_binary(proc, sc, tpc_path_len(r) & (TPC_PATH_MAX * 2 - 1));
			{
				__u64 *bits = bpf_map_lookup_elem(&tg_mbset_map, proc->bin);

				if (bits)
					proc->mb_bitset |= *bits;
			}
		}
	}
	if (bpf_map_update_elem(&tpc_execve_map, &tgid, proc, BPF_NOEXIST) == -7 /* E2BIG */)
		tpc_count(TPC_CNT_EXECVE_MAP_FULL);
	tpc_count(TPC_CNT_PROC_LAZY);
	return 0;
}

#endif /* TPC_TASK_H */
