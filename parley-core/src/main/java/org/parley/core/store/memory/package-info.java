/**
 * In-memory implementations of the store SPIs of {@code org.parley.core.store}, on Caffeine: each
 * entry expires at its own instant (a Caffeine {@code Expiry} driven by the injected {@code
 * java.time.Clock}); each store is bounded by a named setting ({@code maxEntries}, {@code
 * maxContexts}, {@code maxSessions}) and refuses new entries beyond it instead of evicting live
 * ones. For one node, or for tests; a farm uses a shared backend that passes the same contract
 * tests.
 */
package org.parley.core.store.memory;
