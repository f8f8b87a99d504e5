/**
 * The retained heap of live session-mode security contexts (WS-SecureConversation 1.3 section 3:
 * the context's identifier, shared secret and lifetime, kept by the service) in the in-memory
 * store.
 */
package org.parley.bench.heap;
