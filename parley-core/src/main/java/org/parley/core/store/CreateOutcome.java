package org.parley.core.store;

/** Result of a store's create: never silently ignored, never an overwrite. */
public enum CreateOutcome {
  /** The entry was stored with version {@link Versioned#FIRST}. */
  CREATED,
  /** An entry with this id exists and is live; it was left unchanged. */
  ALREADY_EXISTS,
  /** The owner already holds the maximum number of live entries the caller allowed. */
  OWNER_LIMIT_REACHED,
  /**
   * The store is at its configured capacity. Stores refuse new entries rather than evict live ones:
   * evicting would cancel somebody's context or session behind their back.
   */
  STORE_FULL;

  public boolean created() {
    return this == CREATED;
  }
}
