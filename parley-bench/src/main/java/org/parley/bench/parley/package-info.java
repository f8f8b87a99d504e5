/**
 * Parley's side of the benchmark: {@code InboundProcessor} and {@code OutboundProtector} of
 * parley-security configured for the same WS-SC 1.3 derived-key Basic256 protection (WS-SP 1.2
 * sections 6.1 and 7.4; WS-SecureConversation 1.3 section 7) as the WSS4J side.
 */
package org.parley.bench.parley;
