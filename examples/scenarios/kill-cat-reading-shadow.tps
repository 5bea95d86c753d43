# kill-cat-reading-shadow.yaml: Sigkill for /usr/bin/cat opening a file whose name ends in "shadow"
# (matchBinaries In + Postfix), and a second selector that reports any other binary doing it.
policy "../policies/kill-cat-reading-shadow.yaml"

scenario "cat reading /etc/shadow is killed" {
  step "cat opens /etc/shadow" {
    run "/usr/bin/cat" "/etc/shadow"
    expect killed SIGKILL
    expect event process_tracepoint count 1 {
      event == "sys_enter_openat"
      args[0].string_arg == "/etc/shadow"
      process.binary == "/usr/bin/cat"
      action == "KPROBE_ACTION_SIGKILL"
      policy_name == "kill-cat-reading-shadow"
    }
  }
  step "negative control: cat reading another file is left alone" {
    run "/usr/bin/cat" "/etc/hostname"
    expect exit 0
    expect no event process_tracepoint
  }
}

scenario "a copy of cat is only reported" {
  setup {
    copy "/usr/bin/cat" as "mycat"
  }
  step "the copy opens /etc/gshadow" {
    run "${scratch}/mycat" "/etc/gshadow"
    expect exit 0
    expect event process_tracepoint count 1 {
      args[0].string_arg endswith "shadow"
      process.binary == "${scratch}/mycat"
      action == "KPROBE_ACTION_POST"
    }
  }
}
