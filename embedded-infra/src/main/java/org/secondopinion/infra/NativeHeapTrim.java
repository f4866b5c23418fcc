package org.secondopinion.infra;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Native memory the JVM frees goes back to the operating system. glibc's malloc keeps freed memory for reuse, so
 * without this a JVM stays as resident as it was at the busiest moment of its start (the JIT compilers' arenas,
 * class loading's buffers): 11-30 MB per JVM of the local stack (docs/PERFORMANCE.md, "Footprint"). The JVM's own
 * periodic {@code malloc_trim} ({@code -XX:TrimNativeHeapInterval}, JDK 17.0.9 and later) returns it. An older JDK
 * would refuse to start with the flag, so it is offered only where this JVM knows it (child JVMs run this JVM's
 * {@code java}).
 */
public final class NativeHeapTrim {

    static final String FLAG = "TrimNativeHeapInterval";
    /**
     * Every 5 s: a trim took 0.5-2 ms on the JVM's own trimmer thread (not a pause); the footprint benchmark reads
     * idle RSS 20 s after start.
     */
    static final String OPTION = "-XX:" + FLAG + "=5000";

    private NativeHeapTrim() {
    }

    /** The option for a child JVM, or none where this JDK has no periodic trim. */
    public static List<String> options() {
        return supported() ? List.of(OPTION) : List.of();
    }

    static boolean supported() {
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(FLAG);
            return true;
        } catch (RuntimeException unknownFlagOrNotHotSpot) {
            return false;
        }
    }
}
