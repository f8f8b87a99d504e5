/**
 * Relying-party web sessions: the analogue of WIF's session authentication module. A {@link
 * org.parley.web.SessionManager} turns a {@link org.parley.core.claims.ClaimsPrincipal} into a
 * {@link org.parley.web.SessionToken}, seals it with the farm's {@link
 * org.parley.core.keys.KeyRing} (AES-256-GCM, NIST SP 800-38D) and writes it in chunked cookies
 * (RFC 6265; each {@code Set-Cookie} at most 4096 bytes, section 6.1), or in reference mode as an
 * id and a secret into the session store; {@link org.parley.web.SessionAuthenticationFilter}
 * rebuilds the principal on every request and {@link org.parley.web.SignInRedirectFilter} sends
 * anonymous requests for protected paths to sign-in.
 *
 * <p>References: WIF "Session Management" (session security token, chunked cookie handler,
 * reference mode, unique session id per issuance); RFC 6265 (cookies);
 * draft-ietf-httpbis-rfc6265bis section 4.1.2.7 ({@code SameSite}).
 */
package org.parley.web;
