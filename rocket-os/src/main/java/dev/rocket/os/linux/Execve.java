package dev.rocket.os.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;

/**
 * Replaces this JVM with another program in the same process, as rkt's stage0 hands a pod to stage1: the PID
 * stays, and so do the descriptors the caller names (with the locks they hold). Every other descriptor,
 * including the JVM's own, is closed by the kernel on the way.
 */
public final class Execve {

    private static final int FIRST_AFTER_STANDARD_STREAMS = 3;

    private Execve() {
    }

    /**
     * Runs {@code program} in place of this JVM; returns only by throwing. Standard input, output and error are
     * always inherited; of the other descriptors only {@code inherited}. Flush Java's buffered streams first:
     * what is still buffered is lost.
     *
     * @param arguments   the program's {@code argv}, its name first
     * @param environment {@code NAME=value} entries, the whole environment of the program
     * @param inherited   descriptors the program keeps, such as a pod lock
     * @throws LinuxException when the program cannot be run; the descriptors are then all close-on-exec except
     *                        the inherited ones
     */
    public static void exec(Path program, List<String> arguments, List<String> environment, Collection<Fd> inherited)
            throws LinuxException {
        if (arguments.isEmpty()) throw new IllegalArgumentException("execve needs at least the program name in argv");
        FileDescriptors.closeOnExecFrom(FIRST_AFTER_STANDARD_STREAMS);
        for (int standard = 0; standard < FIRST_AFTER_STANDARD_STREAMS; standard++) {
            FileDescriptors.setCloseOnExec(standard, null, false);
        }
        for (Fd fd : inherited) fd.closeOnExec(false);
        String shown = program.toString();
        Libc.call("execve", shown, Libc.quote(shown) + ", " + arguments, (arena, state) -> SystemCalls.invoke(
                state, SystemCalls.EXECVE, SystemCalls.pointer(Libc.cString(arena, shown)),
                SystemCalls.pointer(stringArray(arena, arguments)), SystemCalls.pointer(stringArray(arena, environment))));
    }

    /** A NULL-terminated {@code char *[]}. */
    private static MemorySegment stringArray(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ADDRESS, i, Libc.cString(arena, strings.get(i)));
        }
        array.setAtIndex(ADDRESS, strings.size(), MemorySegment.NULL);
        return array;
    }
}
