package dev.tpc.vm.initramfs;

/** The guest's initramfs could not be built: no static busybox, a module missing from the kernel, I/O. */
public final class InitramfsException extends Exception {
    private static final long serialVersionUID = 1L;

    public InitramfsException(String message) {
        super(message);
    }

    public InitramfsException(String message, Throwable cause) {
        super(message, cause);
    }
}
