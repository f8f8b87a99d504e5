/**
 * Apache CXF 4.1.5 as an independent, test-scoped peer for the DoubleIt contract of {@code
 * shared/peer-captures/wsdl/}: a service ({@link org.parley.interop.cxf.CxfService}), a client
 * ({@link org.parley.interop.cxf.CxfClient}) and a loopback wire tap ({@link
 * org.parley.interop.cxf.WireTap}) that records the exact bytes exchanged.
 *
 * <p>Protocols exercised on the wire: SOAP 1.2, WS-Addressing 1.0, WS-Security 1.0/1.1 (OASIS
 * 2004/2006), WS-SecurityPolicy 1.1 and 1.2, WS-Trust Feb 2005 and 1.3, WS-SecureConversation Feb
 * 2005 and 1.3 (issue, cancel), XML Signature and XML Encryption (Basic256).
 */
package org.parley.interop.cxf;
