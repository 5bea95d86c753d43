policy "../../main/tetragon/shadow-opened.yaml"

scenario "opening /etc/shadow is reported" {
  step "wc reads /etc/shadow" {
    run "/usr/bin/wc" "-l" "/etc/shadow"
    expect exit 0
    expect event process_tracepoint count 1 { args[0].string_arg == "/etc/shadow" }
  }
}
