/**
 * The Apache WSS4J 4.0.1 DOM side of the benchmark: protects a message with a WS-SC 1.3 {@code
 * wsc:SecurityContextToken} and two derived keys (WS-SecureConversation 1.3 section 7) the way
 * Apache CXF's symmetric binding does, and verifies and decrypts one with {@code WSSecurityEngine}.
 * Only WSS4J's non-SAML classes are touched (OpenSAML is not available).
 */
package org.parley.bench.wss4j;
