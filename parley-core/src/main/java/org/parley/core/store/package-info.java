/**
 * Store SPIs: narrow interfaces for the state Parley keeps between requests, each with an in-memory
 * implementation ({@code org.parley.core.store.memory}) and an abstract contract test in
 * parley-core's test-jar that every backend must pass.
 *
 * <ul>
 *   <li>{@link org.parley.core.store.SecurityContextStore}: session-mode security contexts
 *       (WS-SecureConversation 1.3 sections 3 to 6; the owner quota mirrors WCF's
 *       maxPendingSessions).
 *   <li>{@link org.parley.core.store.SessionTokenStore}: web session tokens in reference mode.
 *   <li>{@link org.parley.core.store.ReplayCache}: replay detection (WS-Security 1.1 section 13).
 *   <li>{@link org.parley.core.store.RevocationList}: cancelled and superseded cookie-mode security
 *       contexts (WS-SC 1.3 sections 5 and 6), each until its cookie would expire.
 *   <li>{@link org.parley.core.store.KeyRingStore}: the farm's key ring, compare-and-set; {@link
 *       org.parley.core.store.KeyRingRotator} rotates it from every node without competing keys.
 * </ul>
 *
 * Writes are explicit: create fails on a live id, replace names the version it read, capacity is
 * reported and never made by evicting live entries. A shared backend that cannot be reached throws
 * {@link org.parley.core.store.StoreUnavailableException}, the one outage exception, which callers
 * turn into a temporary failure (a SOAP {@code Receiver} fault, HTTP 503), never into "absent".
 * {@link org.parley.core.store.StoredSecurityContextCodec} is the binary form of a context for
 * backends and cookie-mode tokens that keep it outside the process (sealed before it leaves).
 */
package org.parley.core.store;
