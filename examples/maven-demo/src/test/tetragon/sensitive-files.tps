# sensitive-files.yaml reports every open of /etc/shadow and /etc/gshadow, whoever opens them,
# and nothing else. Runs on any kernel with tracepoints (the host kernel of a CI runner too).
policy "../../main/tetragon/sensitive-files.yaml"

scenario "opening /etc/shadow is reported" {
  # wc prints a line count, not the file: a failure report shows what the step printed
  step "wc reads /etc/shadow" {
    run "/usr/bin/wc" "-l" "/etc/shadow"
    expect exit 0
    expect event process_tracepoint count 1 {
      subsys == "syscalls"
      event == "sys_enter_openat"
      args[0].string_arg == "/etc/shadow"
      process.binary == "/usr/bin/wc"
      policy_name == "sensitive-files"
      message == "Sensitive file opened"
      tags[0] == "credentials"
    }
  }
  step "a direct openat of /etc/gshadow" {
    call fd = openat(AT_FDCWD, "/etc/gshadow", O_RDONLY, 0) expect ok
    call close(fd)
    expect exit 0
    expect event process_tracepoint count 1 { args[0].string_arg == "/etc/gshadow" }
  }
}

scenario "other files are not reported" {
  setup {
    file "copy/shadow" content "not the real one\n"
  }
  step "cat reads /etc/hostname" {
    run "/usr/bin/cat" "/etc/hostname"
    expect exit 0
    expect no event process_tracepoint
  }
  step "a file that is only named shadow" {
    run "/usr/bin/cat" "${scratch}/copy/shadow"
    expect exit 0
    expect no event process_tracepoint
  }
}
