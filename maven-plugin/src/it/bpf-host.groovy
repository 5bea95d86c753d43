// Whether a build on this machine can load BPF programs, found out here, independently of the
// plugin, so that a plugin that skips its scenarios when it should run them fails the tests (and
// the other way round). The verify scripts evaluate this file (script variable bpfHost) and get
// null when tpc:test can run, else the start of the warning tpc:test must give.
def os = System.getProperty('os.name')
if (!os.toLowerCase().contains('linux')) {
    return 'tpc:test needs Linux to load BPF programs'
}
def capEff = new File('/proc/self/status').readLines().find { it.startsWith('CapEff:') }
long caps = capEff == null ? 0 : Long.parseUnsignedLong(capEff.substring(7).trim(), 16)
def has = { int cap -> (caps & (1L << cap)) != 0 }
if (!(has(21) || (has(38) && has(39)))) { // CAP_SYS_ADMIN, or CAP_PERFMON with CAP_BPF
    return 'tpc:test needs root to load BPF programs'
}
def lockdown = new File('/sys/kernel/security/lockdown')
if (lockdown.canRead() && lockdown.text.contains('[confidentiality]')) {
    return 'tpc:test cannot load BPF programs: the kernel is locked down'
}
def libs = ['/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib/aarch64-linux-gnu', '/usr/lib/aarch64-linux-gnu',
            '/usr/lib64', '/lib64', '/usr/lib', '/lib', '/usr/local/lib', '/usr/local/lib64']
if (!libs.any { new File(it, 'libbpf.so.1').exists() }) {
    return 'tpc:test needs libbpf to load BPF programs'
}
return null
