package dev.rocket.os.linux;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Linux error number with its symbolic name and the description glibc's {@code strerror} gives. The numbers
 * are those of the generic Linux ABI, which x86_64 and aarch64 share.
 *
 * @param number      the value of {@code errno}
 * @param name        the symbolic name, such as {@code EACCES}; {@code errno N} for a number this table lacks
 * @param description what the error means, such as {@code Permission denied}
 */
public record Errno(int number, String name, String description) {

    public static final Errno EPERM = new Errno(1, "EPERM", "Operation not permitted");
    public static final Errno ENOENT = new Errno(2, "ENOENT", "No such file or directory");
    public static final Errno ESRCH = new Errno(3, "ESRCH", "No such process");
    public static final Errno EINTR = new Errno(4, "EINTR", "Interrupted system call");
    public static final Errno EIO = new Errno(5, "EIO", "Input/output error");
    public static final Errno ENXIO = new Errno(6, "ENXIO", "No such device or address");
    public static final Errno E2BIG = new Errno(7, "E2BIG", "Argument list too long");
    public static final Errno ENOEXEC = new Errno(8, "ENOEXEC", "Exec format error");
    public static final Errno EBADF = new Errno(9, "EBADF", "Bad file descriptor");
    public static final Errno ECHILD = new Errno(10, "ECHILD", "No child processes");
    /** Also {@code EWOULDBLOCK}: a non-blocking call would have had to wait. */
    public static final Errno EAGAIN = new Errno(11, "EAGAIN", "Resource temporarily unavailable");
    public static final Errno ENOMEM = new Errno(12, "ENOMEM", "Cannot allocate memory");
    public static final Errno EACCES = new Errno(13, "EACCES", "Permission denied");
    public static final Errno EFAULT = new Errno(14, "EFAULT", "Bad address");
    public static final Errno ENOTBLK = new Errno(15, "ENOTBLK", "Block device required");
    public static final Errno EBUSY = new Errno(16, "EBUSY", "Device or resource busy");
    public static final Errno EEXIST = new Errno(17, "EEXIST", "File exists");
    public static final Errno EXDEV = new Errno(18, "EXDEV", "Invalid cross-device link");
    public static final Errno ENODEV = new Errno(19, "ENODEV", "No such device");
    public static final Errno ENOTDIR = new Errno(20, "ENOTDIR", "Not a directory");
    public static final Errno EISDIR = new Errno(21, "EISDIR", "Is a directory");
    public static final Errno EINVAL = new Errno(22, "EINVAL", "Invalid argument");
    public static final Errno ENFILE = new Errno(23, "ENFILE", "Too many open files in system");
    public static final Errno EMFILE = new Errno(24, "EMFILE", "Too many open files");
    public static final Errno ENOTTY = new Errno(25, "ENOTTY", "Inappropriate ioctl for device");
    public static final Errno ETXTBSY = new Errno(26, "ETXTBSY", "Text file busy");
    public static final Errno EFBIG = new Errno(27, "EFBIG", "File too large");
    public static final Errno ENOSPC = new Errno(28, "ENOSPC", "No space left on device");
    public static final Errno ESPIPE = new Errno(29, "ESPIPE", "Illegal seek");
    public static final Errno EROFS = new Errno(30, "EROFS", "Read-only file system");
    public static final Errno EMLINK = new Errno(31, "EMLINK", "Too many links");
    public static final Errno EPIPE = new Errno(32, "EPIPE", "Broken pipe");
    public static final Errno ERANGE = new Errno(34, "ERANGE", "Numerical result out of range");
    public static final Errno EDEADLK = new Errno(35, "EDEADLK", "Resource deadlock avoided");
    public static final Errno ENAMETOOLONG = new Errno(36, "ENAMETOOLONG", "File name too long");
    public static final Errno ENOLCK = new Errno(37, "ENOLCK", "No locks available");
    public static final Errno ENOSYS = new Errno(38, "ENOSYS", "Function not implemented");
    public static final Errno ENOTEMPTY = new Errno(39, "ENOTEMPTY", "Directory not empty");
    public static final Errno ELOOP = new Errno(40, "ELOOP", "Too many levels of symbolic links");
    /** Also {@code ENOATTR}: the extended attribute does not exist. */
    public static final Errno ENODATA = new Errno(61, "ENODATA", "No data available");
    public static final Errno EOVERFLOW = new Errno(75, "EOVERFLOW", "Value too large for defined data type");
    public static final Errno EOPNOTSUPP = new Errno(95, "EOPNOTSUPP", "Operation not supported");
    public static final Errno ESTALE = new Errno(116, "ESTALE", "Stale file handle");
    public static final Errno EDQUOT = new Errno(122, "EDQUOT", "Disk quota exceeded");

    private static final Map<Integer, Errno> KNOWN = List.of(EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, E2BIG,
                    ENOEXEC, EBADF, ECHILD, EAGAIN, ENOMEM, EACCES, EFAULT, ENOTBLK, EBUSY, EEXIST, EXDEV, ENODEV,
                    ENOTDIR, EISDIR, EINVAL, ENFILE, EMFILE, ENOTTY, ETXTBSY, EFBIG, ENOSPC, ESPIPE, EROFS, EMLINK,
                    EPIPE, ERANGE, EDEADLK, ENAMETOOLONG, ENOLCK, ENOSYS, ENOTEMPTY, ELOOP, ENODATA, EOVERFLOW,
                    EOPNOTSUPP, ESTALE, EDQUOT)
            .stream().collect(Collectors.toUnmodifiableMap(Errno::number, Function.identity()));

    public Errno {
        if (number <= 0) throw new IllegalArgumentException("errno must be positive: " + number);
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("errno name must be given");
        if (description == null || description.isEmpty()) {
            throw new IllegalArgumentException("errno description must be given");
        }
    }

    /** The error for {@code number}, named when this table knows it. */
    public static Errno of(int number) {
        Errno known = KNOWN.get(number);
        return known != null ? known : new Errno(number, "errno " + number, "Unknown error " + number);
    }

    /** {@code EBUSY (Device or resource busy)}. */
    @Override
    public String toString() {
        return name + " (" + description + ")";
    }
}
