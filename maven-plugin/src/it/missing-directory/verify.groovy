// A configured policy directory that does not exist is a configuration mistake: the failure names
// the parameter and the path, and there is no stack trace without -e.
def log = new File(basedir, 'build.log').text
assert log =~ /Invalid <policyDirectories> \(-Dtpc\.policyDirectories\) in the tpc-maven-plugin configuration: no such file or directory: \S*policies/
assert log.contains('BUILD FAILURE')
assert !(log =~ /(?m)^\s+at [a-z]/)
return true
