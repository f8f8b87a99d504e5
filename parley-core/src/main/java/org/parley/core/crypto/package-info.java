/**
 * Key derivation: the P_hash function of RFC 2246 (TLS 1.0) section 5, used as P_SHA1 by WS-Trust
 * 1.3 section 4.4.2 (computed key {@code
 * http://docs.oasis-open.org/ws-sx/ws-trust/200512/CK/PSHA1}) and by WS-SecureConversation 1.3
 * section 7 (derived keys, seed = label + nonce), and as P_SHA256 (RFC 5246 section 5) where a
 * WS-SecurityPolicy algorithm suite asks for it.
 */
package org.parley.core.crypto;
