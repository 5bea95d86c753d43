policy "../policies/kill-cat-reading-shadow.yaml"   # shared by both scenarios
# comments, blank lines and one-line blocks
scenario "one line" { step "s" { run "/bin/true" expect exit 0 } }


scenario "keywords as names" {
  step "exit and event are names too" {
    call event = openat(AT_FDCWD, "x", O_WRONLY|O_CREAT|O_TRUNC, 0644)
    call write(event, "\"quoted\" \\ \t", 12)
    expect event process_tracepoint { event == "sys_enter_openat" }
  }
}
