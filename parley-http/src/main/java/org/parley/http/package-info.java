/**
 * The HTTP binding of SOAP for Parley: a Jakarta servlet endpoint usable in any servlet container,
 * an embedded Jetty 12 host, and a client channel on {@code java.net.http.HttpClient}.
 *
 * <p>Implements the HTTP bindings of SOAP 1.1 (W3C Note, section 6: {@code text/xml} with the
 * {@code SOAPAction} header) and SOAP 1.2 (W3C Recommendation, part 2, section 7: {@code
 * application/soap+xml} with the {@code action} parameter, RFC 3902), with the WS-Addressing 1.0
 * SOAP binding (W3C Recommendation, section 3) for the message addressing headers. WSDL 1.1
 * (section 3 and the SOAP 1.2 binding note) is served on {@code GET ?wsdl}.
 *
 * <p>Every request body is bounded by a named setting before it is parsed with the hardened XML
 * parser, and every failure becomes a SOAP fault: no stack trace leaves the process.
 */
package org.parley.http;
