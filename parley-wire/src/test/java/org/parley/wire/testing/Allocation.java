package org.parley.wire.testing;

import java.lang.management.ManagementFactory;

/** Bytes allocated by the current thread while running an action (a memory bound, not time). */
public final class Allocation {
  private Allocation() {}

  /** An action that may throw anything. */
  public interface Action {
    void run() throws Throwable;
  }

  private static final com.sun.management.ThreadMXBean MX =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Runs {@code action}, swallowing what it throws, and returns the bytes it allocated. */
  public static long measure(Action action) {
    long id = Thread.currentThread().getId();
    long before = MX.getThreadAllocatedBytes(id);
    try {
      action.run();
    } catch (Throwable expected) {
      // the caller asserts the outcome separately
    }
    return MX.getThreadAllocatedBytes(id) - before;
  }

  public static final long MIB = 1024L * 1024;
}
