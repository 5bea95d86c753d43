policy "../../main/tetragon/shadow-opened.yaml"

scenario "a misspelt keyword" {
  step "cat" {
    run "/usr/bin/cat" "/etc/hostname"
    expcet exit 0
  }
}
