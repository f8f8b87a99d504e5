/**
 * The key ring: AES-256-GCM sealing (NIST SP 800-38D) under a rotating set of {@link
 * org.parley.core.keys.RingKey keys} with activation and expiry instants. One primary key seals;
 * every known, unexpired key opens; the key id travels in the versioned output format documented on
 * {@link org.parley.core.keys.KeyRing}; every failure to open is one generic "failed". Used for
 * cookie-mode security context tokens (WS-SecureConversation 1.3 section 3, the SCT carrying its
 * own state) and web session cookies.
 */
package org.parley.core.keys;
