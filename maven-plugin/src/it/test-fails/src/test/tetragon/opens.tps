# The first scenario expects what the policy does not do (it reports /etc/shadow only): it fails.
# The second is right: it runs although the first failed (keepGoing is the default) and passes.
policy "../../main/tetragon/shadow-opened.yaml"

scenario "opening /etc/hostname is reported" {
  step "cat reads /etc/hostname" {
    run "/usr/bin/cat" "/etc/hostname"
    expect exit 0
    expect event process_tracepoint { args[0].string_arg == "/etc/hostname" }
  }
}

scenario "opening /etc/shadow is reported" {
  step "wc reads /etc/shadow" {
    run "/usr/bin/wc" "-l" "/etc/shadow"
    expect exit 0
    expect event process_tracepoint count 1 { args[0].string_arg == "/etc/shadow" }
  }
}
