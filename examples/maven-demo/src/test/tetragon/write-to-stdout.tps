# write-to-stdout.yaml hooks sys_write with a kprobe and reports writes to file descriptor 1.
# A kernel without kprobes (some CI hosts) reports this scenario skipped, with the reason; the
# kernel matrix runs it in guests of Debian's kernels, which have them.
policy "../../main/tetragon/write-to-stdout.yaml"

scenario "a write to standard output is reported" {
  step "write(1, ...)" {
    call write(1, "hello\n", 6) expect returns 6
    expect exit 0
    expect event process_kprobe {
      function_name endswith "sys_write"
      args[0].int_arg == 1
      args[2].size_arg == 6
      policy_name == "write-to-stdout"
    }
  }
  step "a write to standard error is not" {
    call write(2, "hello\n", 6) expect returns 6
    expect exit 0
    expect no event process_kprobe
  }
}
