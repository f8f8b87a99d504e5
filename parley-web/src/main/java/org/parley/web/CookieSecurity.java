package org.parley.web;

/** When session cookies get the {@code Secure} attribute (RFC 6265 section 4.1.2.5). */
public enum CookieSecurity {
  /** When the request arrived over HTTPS ({@code ServletRequest.isSecure()}). The default. */
  WHEN_REQUEST_IS_SECURE,
  /** Always; for servers behind a TLS-terminating proxy that forwards plain HTTP. */
  ALWAYS
}
