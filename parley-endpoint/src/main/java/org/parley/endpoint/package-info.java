/**
 * The transport-neutral contract of a Parley SOAP endpoint: a {@link
 * org.parley.endpoint.SoapHandler} maps a {@link org.parley.endpoint.SoapRequest} (a parsed
 * envelope, verified when the endpoint is secured) to a response envelope; a {@link
 * org.parley.endpoint.SoapEndpoint} carries the handler and its named bounds, its WSDL and its
 * optional WS-Security processing. Protocols (secure conversation, the STS) build on this; bindings
 * (the servlet and Jetty host in parley-http) host it. Also the client channel on {@code
 * java.net.http.HttpClient} ({@link org.parley.endpoint.SoapHttpClient}), which needs neither a
 * servlet container nor Jetty.
 *
 * <p>SOAP 1.1 (W3C Note, section 6) and SOAP 1.2 (part 2, section 7) HTTP bindings on the client
 * side; WSDL 1.1 documents served on {@code GET ?wsdl}.
 */
package org.parley.endpoint;
