/**
 * Implementation details of the HTTP binding: envelope building and reading for SOAP 1.1 and 1.2
 * (W3C SOAP 1.1 section 4, SOAP 1.2 part 1 section 5), WS-Addressing 1.0 message addressing
 * properties (W3C WS-Addressing SOAP binding, section 2), HTTP content-type parsing (RFC 9110
 * section 8.3, RFC 3902) and bounded body reading. Not API: may change without notice.
 */
package org.parley.endpoint.internal;
