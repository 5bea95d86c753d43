// No src/main/tetragon, no src/test/tetragon and nothing configured: each goal says so and the build passes.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] No policies to check: src/main/tetragon does not exist (set <policyDirectories> to use other directories)')
assert log.contains('[INFO] No policies to compile: src/main/tetragon does not exist (set <policyDirectories> to use other directories)')
assert log.contains('[INFO] No scenarios to run: src/test/tetragon does not exist (set <scenarios> to use other files or directories)')
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/surefire-reports').exists()
assert !new File(basedir, 'target/tpc').exists()
return true
