package org.parley.sts.internal;

/** Initialises Apache Santuario exactly once. */
public final class Santuario {
  static {
    org.apache.xml.security.Init.init();
  }

  private Santuario() {}

  /** Touching this class runs the initialiser. */
  public static void init() {
    // nothing: the static initialiser did the work
  }
}
