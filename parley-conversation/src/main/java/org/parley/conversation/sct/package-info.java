/**
 * Security context tokens (OASIS WS-SecureConversation 1.3 section 2, WS-SC February 2005 section
 * 3): {@link org.parley.conversation.sct.SecurityContextToken} with its {@code wsc:Identifier},
 * {@code wsc:Instance} (section 2 and section 5, renewal) and {@code wsu:Id}, read and written in
 * either namespace by {@link org.parley.conversation.sct.SctCodec}; malformed tokens are {@code
 * wsc:BadContextToken} (section 9, error handling).
 *
 * <p>Cookie mode, after WCF's stateless SCT ({@code SecurityContextCookieSerializer}, the {@code
 * dnse:Cookie} element of the {@code http://schemas.microsoft.com/ws/2006/05/security} namespace):
 * {@link org.parley.conversation.sct.ContextCookieSealer} seals the context's secret, identity and
 * lifetimes with the core {@code KeyRing} (AES-256-GCM, NIST SP 800-38D) under a purpose string and
 * the token's identifier, with a versioned binary payload bounded on read.
 */
package org.parley.conversation.sct;
