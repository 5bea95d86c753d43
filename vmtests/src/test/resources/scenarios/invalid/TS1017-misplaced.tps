policy "../policies/setuid-root-signal.yaml"

scenario "items where they cannot apply" {
  step "an expectation of a call, but no call before it" {
    run "/bin/true"
    expect ok
  }
  step "a command and calls" {
    call setuid(0)
    run "/bin/true"
    expect exit 0
  }
  step "a shell takes one script" {
    run shell "echo" "hello"
    expect exit 0
  }
}
