policy "../policies/setuid-root-signal.yaml"

scenario "fields the event does not have" {
  step "s" {
    run "/bin/true"
    expect event process_kprobe {
      function == "__x64_sys_setuid"
      process.binray endswith "/true"
      args.int_arg == 0
      args[0].file_arg.flags == "O_RDONLY"
    }
  }
}
