# A hypothetical old kernel for the examples of rules that no Debian target triggers: no large
# programs, no signal helper, no fmod_ret, no BPF LSM, no fentry. Declared, not measured.
format: 1
name: old-kernel
description: "hypothetical kernel without the BPF features of 5.3 and later (examples only)"
kernel:
  version: "4.19.0"
arch: x86_64
features:
  large_programs: false
  signal_helper: false
  override_helper: false
  fmodret_security: false
  fmodret_syscall: false
  bpf_lsm: false
  bpf_lsm_by_default: false
  kprobe_multi: false
  uprobe_multi: true
  fentry: false
  build_id: false
  loader_version_gate: false
  v511_programs: false
  v61_programs: false
  ring_buffer: false
  time_namespaces: false
  mix_bpf_and_tail_calls: false
  substring_kfunc: false
  substring_ignore_case_kfunc: false
  copy_from_user_str: false
  uprobe_regs_change: false
  get_func_ip: false
  module_btf: false
limits:
  string_match_max_length: 144
