policy "../policies/setuid-root-signal.yaml"

scenario "addresses that are not literals" {
  step "s" {
    call s = socket(AF_INET, SOCK_STREAM, 0)
    call connect(s, inet("localhost", 80), 16)
    call connect(s, inet("::1::2", 80), 28)
    call connect(s, unix(""), 110)
    expect exit 0
  }
}
