/**
 * The claims model, as WIF / .NET 4.5 define it and WS-Federation and WS-Trust 1.3 carry it: a
 * {@link org.parley.core.claims.ClaimsPrincipal} holding several {@link
 * org.parley.core.claims.ClaimsIdentity identities}, each with its {@link
 * org.parley.core.claims.Claim claims}, authentication type, optional actor (WS-Trust 1.4 {@code
 * ActAs}) and optional {@link org.parley.core.claims.BootstrapToken}. Values are immutable and
 * deliberately not {@link java.io.Serializable}: stores and cookies use explicit, versioned codecs.
 */
package org.parley.core.claims;
