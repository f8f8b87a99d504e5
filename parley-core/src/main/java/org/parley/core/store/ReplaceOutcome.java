package org.parley.core.store;

/** Result of a versioned (compare-and-set) replace. */
public enum ReplaceOutcome {
  /** Stored; the entry's version is now the expected version plus one. */
  REPLACED,
  /** No live entry with this id (never created, removed, or expired). */
  NOT_FOUND,
  /** The entry changed since the caller read it; re-read and decide again. */
  VERSION_MISMATCH;

  public boolean replaced() {
    return this == REPLACED;
  }
}
