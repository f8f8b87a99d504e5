package org.parley.core.store;

import java.util.Optional;

/**
 * Web session tokens by session id (WIF reference mode / session security token cache). Every
 * method is atomic; a session is live while {@code now < expires} by the store's clock. A store
 * never silently ignores a write: {@link #create} fails if the id is live, {@link #replace} fails
 * unless the caller read the current version.
 *
 * <p>Contract tests: {@code AbstractSessionTokenStoreContractTest} in parley-core's test-jar.
 */
public interface SessionTokenStore {

  /** Stores a new session unless its id is live already or the store is full. */
  CreateOutcome create(StoredSession session);

  Optional<Versioned<StoredSession>> get(String sessionId);

  /**
   * Replaces the live session of the same id (re-issued token, sliding expiry) if its version is
   * still {@code expectedVersion}.
   *
   * @throws IllegalArgumentException if {@code session} names a different user than the stored one
   */
  ReplaceOutcome replace(StoredSession session, long expectedVersion);

  /** Removes the session (sign-out); true if a live session was removed. */
  boolean remove(String sessionId);

  /**
   * Removes every session of {@code userKey} that is live when the call starts ("sign out
   * everywhere"); returns how many were removed. Stores index sessions by user for this.
   */
  int removeAllForUser(String userKey);
}
