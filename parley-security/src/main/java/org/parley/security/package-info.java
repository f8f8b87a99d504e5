/**
 * Parley's WS-Security message engine: {@link org.parley.security.InboundProcessor} turns an
 * inbound SOAP message into a {@link org.parley.security.VerifiedMessage}; {@link
 * org.parley.security.OutboundProtector} protects an outbound one. Both are driven by a typed
 * {@link org.parley.security.SecurityPolicy}.
 *
 * <p>Specifications: OASIS WS-Security 1.0 and 1.1 SOAP Message Security and X.509 Token Profile
 * 1.1; WS-SecureConversation 1.3 and February 2005 (derived keys, security context tokens);
 * WS-SecurityPolicy 1.2 (algorithm suites, bindings, protection order); W3C XML Signature 1.1, XML
 * Encryption 1.1, Exclusive XML Canonicalization 1.0; SOAP 1.1 and 1.2.
 */
package org.parley.security;
