package org.parley.conversation.service;

/**
 * Where a security context's secret lives between messages (WS-SC 1.3 section 3 leaves it to the
 * issuer; WCF calls cookie mode a "stateless" SCT).
 */
public enum ContextMode {
  /**
   * The secret, identity and lifetimes are kept in the service's {@code SecurityContextStore}; the
   * SCT carries only its Identifier (and Instance after a renewal).
   */
  SESSION,
  /**
   * The secret, identity and lifetimes are sealed with the farm's {@code KeyRing} into a {@code
   * dnse:Cookie} inside the SCT, which the client sends with every message; the service stores
   * nothing per context, so any instance holding the ring accepts it. Cancellation and superseded
   * keys are remembered in a bounded {@code RevocationList} until the cookie would expire anyway.
   */
  COOKIE
}
