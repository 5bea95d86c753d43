# Every construct of the language once; ModelDump of it is everything.model.
policy "../policies/kill-cat-reading-shadow.yaml"

scenario "cat reading /etc/shadow is killed" {
  mode enforce
  requires kernel >= 5.10
  requires signal_helper
  arch x86_64
  setup {
    file "data/secret.txt" mode 0600 content "top secret\n\x00\xff"
    file "empty"
    file "raw.bin" content bytes(0x7f, 0x45, 76, 0b1000110)
    copy "/usr/bin/cat" as "mycat"
    env LANG = "C"
    env PATH = "/usr/bin:/bin"
    user 65534
    group "nogroup"
    workdir "data"
  }
  step "cat opens /etc/shadow" {
    run "${scratch}/mycat" "/etc/shadow"
    expect killed SIGKILL
    expect event process_tracepoint {
      event == "sys_enter_openat"
      subsys == "syscalls"
      args[0].string_arg endswith "shadow"
      process.binary endswith "/mycat"
      process.pid > 0
      action == "KPROBE_ACTION_SIGKILL"
      policy_name matches "kill-.*"
      tags[0] exists
    }
    within 10s
  }
  step "a shell pipeline" {
    run shell "cat /etc/hostname | wc -c"
    expect exit 0
    expect no event process_tracepoint
    expect event process_exit { process.binary contains "cat" status != 1 }
    within 1_500ms
  }
}

scenario "direct calls" {
  policy "../policies/setuid-root-signal.yaml" "../policies/placeholder.tpb"
  mode monitor
  step "open, read, seek" {
    call fd = openat(AT_FDCWD, "${scratch}/data/secret.txt", O_RDONLY|O_CLOEXEC, 0o644) expect ok
    call read(fd, buffer(64), 64) expect returns 11
    call lseek(fd, -1, 0x1234) expect errno EINVAL
    call write(1, "hi\n", 3)
    call write(1, bytes(0x68, 0x69), 2)
    call close(fd)
    call kill(self, SIGUSR1)
    expect exit 0
    expect event process_kprobe count 2 { args[0].int_arg >= -3 return.int_arg == 0 }
    expect no event process_kprobe { function_name == "security_file_permission" }
  }
  step "sockets, memory and exec" {
    call s = socket(AF_INET, SOCK_STREAM, 0)
    call connect(s, inet("127.0.0.1", 8080), 16) expect errno EPERM
    call connect(s, inet("::1", 80), 28)
    call connect(s, unix("/run/x.sock"), 110)
    call m = mmap(0, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)
    call mprotect(m, 4096, PROT_NONE) expect returns 0
    call execve("/usr/bin/true", ["true", "x y"], [])
    expect exit 0
  }
}
