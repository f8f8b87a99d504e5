package org.parley.core.store;

import java.util.Objects;

/**
 * A stored value with the version the store gave it. Versions start at {@link #FIRST} on create and
 * grow by one on every successful replace; a replace names the version it read, so two concurrent
 * updates of the same entry cannot silently overwrite each other.
 */
public record Versioned<T>(T value, long version) {
  /** The version of a newly created entry. */
  public static final long FIRST = 1;

  /** The version {@link KeyRingStore#load()} reports before anything was saved. */
  public static final long NONE = 0;

  public Versioned {
    Objects.requireNonNull(value, "value");
    if (version < NONE) {
      throw new IllegalArgumentException("version must not be negative, was " + version);
    }
  }
}
