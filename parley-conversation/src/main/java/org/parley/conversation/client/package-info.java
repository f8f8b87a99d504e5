/**
 * A secure conversation client: configured from a peer's WSDL (WS-Policy read by the policy codec),
 * it establishes security contexts with RST/SCT (WS-SC 1.3 section 3, WS-Trust 1.3 section 4, and
 * their February 2005 forms), calls with keys derived from them (WS-SC 1.3 section 7), renews them
 * before expiry (section 5) and cancels them on close (section 6) unless the peer publishes
 * MustNotSendCancel (WS-SP 1.2 section 5.4.7).
 */
package org.parley.conversation.client;
