/**
 * JMH benchmarks of Parley's WS-Security engine against Apache WSS4J's DOM engine, on the same
 * messages in one run, and the runner that prints the comparison table.
 *
 * <p>The benchmarked message is a SOAP 1.2 request (W3C SOAP 1.2 part 1) with a 2 KiB body,
 * protected as a WS-SecureConversation 1.3 (OASIS ws-sx 200512) client protects an application
 * message under the WS-SecurityPolicy 1.2 Basic256 suite (section 6.1): two {@code
 * wsc:DerivedKeyToken}s (WS-SC 1.3 section 7) from the context's 32-byte secret, an HMAC-SHA1
 * signature over Timestamp and Body (XML Signature 1.0, exclusive c14n), then AES-256-CBC
 * encryption of the Body content and the signature (XML Encryption 1.0; WS-Security 1.1 section 9).
 */
package org.parley.bench;
