package org.parley.core.store;

import java.util.Optional;

/**
 * Server-side state of session-mode security contexts (WS-SecureConversation 1.3 sections 3 to 6:
 * issue, use, renew, cancel). Every method is atomic; a context is live while {@code now < expires}
 * by the store's clock, and a context that is not live is reported as absent.
 *
 * <p>Contract tests: {@code AbstractSecurityContextStoreContractTest} in parley-core's test-jar.
 */
public interface SecurityContextStore {

  /**
   * Stores a new context unless its id is live already, the owner already holds {@code
   * maxContextsPerOwner} live contexts, or the store is full. The owner limit is checked and the
   * context stored as one atomic step, so concurrent issues to one client cannot overshoot it.
   */
  CreateOutcome create(StoredSecurityContext context, int maxContextsPerOwner);

  /** The live context {@code contextId} with its version. */
  Optional<Versioned<StoredSecurityContext>> get(String contextId);

  /**
   * Replaces the live context of the same id (renew, key rollover) if its version is still {@code
   * expectedVersion}. The owner key of a stored context never changes.
   *
   * @throws IllegalArgumentException if {@code context} names a different owner than the stored one
   */
  ReplaceOutcome replace(StoredSecurityContext context, long expectedVersion);

  /** Removes the context (cancel); true if a live context was removed. */
  boolean remove(String contextId);

  /** Number of live contexts whose owner key is {@code ownerKey}. */
  int countByOwner(String ownerKey);
}
