/**
 * Redis implementations (on Lettuce) of the store SPIs of {@code org.parley.core.store}, for a farm
 * of Parley nodes sharing one Redis: {@link org.parley.redis.RedisStores} is the entry point.
 *
 * <ul>
 *   <li>Security contexts (WS-SecureConversation 1.3 sections 3 to 6), session tokens and the web
 *       module's revocation marks, replay cache (WS-Security 1.1 section 13), revocation list of
 *       cookie-mode contexts (sections 5 and 6), key ring; each passes the same contract tests as
 *       the in-memory store.
 *   <li>Atomic: every write is one Lua script (create never overwrites, replace is compare-and-set
 *       on the version, quotas and capacity are checked in the same step).
 *   <li>Sealed at rest: values are AES-256-GCM sealed with the farm's key ring, purpose-bound and
 *       bound to their id; ids, owner and user keys appear only as SHA-256 hashes; key ring keys
 *       are sealed under a wrapping key that never enters Redis.
 *   <li>TTLs follow lifetimes: Redis forgets an entry {@code expiryGrace} after its expiry;
 *       liveness itself is decided exactly by the injected clock.
 *   <li>Near cache: reads of contexts and sessions are served locally while the invalidation
 *       channel (pub/sub) is up; renew, cancel and sign-out publish from inside their scripts.
 *   <li>Cluster: all keys of one store carry one hash tag, so each store lives in one slot and its
 *       scripts stay atomic (quota, capacity); a cluster gives failover, not sharding of a store.
 * </ul>
 *
 * <h2>Degraded mode (Redis unreachable)</h2>
 *
 * Every store throws {@link org.parley.core.store.StoreUnavailableException} within {@code
 * commandTimeout} (immediately once the connection is known to be down), never a Lettuce exception,
 * and never answers "absent" for "unknown".
 *
 * <ul>
 *   <li>Security contexts: session-mode calls fail with a SOAP Receiver fault (retry later);
 *       cookie-mode SCTs need no context store; their revocation list is read through the near
 *       cache, and a lookup Redis must answer during the outage fails like the other stores.
 *   <li>Replay cache: fails closed (fault) unless {@code replayCacheFailsOpenDuringOutage()}.
 *   <li>Session tokens: reference-mode sessions answer 503 with Retry-After on protected pages;
 *       cookie-mode sessions need no store (a revocation mark that cannot be read is logged and the
 *       cookie accepted, as the web module documents).
 *   <li>Key ring: {@link org.parley.redis.FarmKeyRing} keeps the keys it has; after a Redis restart
 *       that lost data, nodes save their unexpired keys back before any rotation, so no competing
 *       primary is minted.
 *   <li>Recovery needs no restart: Lettuce reconnects, connections that never opened are opened on
 *       the next call, scripts are re-sent when Redis lost its script cache, near caches are
 *       emptied when the invalidation channel reconnects.
 * </ul>
 */
package org.parley.redis;
