/**
 * The relying party's session cookie: opening it and rebuilding the claims principal (the session
 * security token of WIF's session authentication module; AES-256-GCM, NIST SP 800-38D; cookies per
 * RFC 6265), and a WIF-style XML encoding of the same session (a WS-SC 1.3 SecurityContextToken
 * carrying the session token in a cookie element) for comparison of sizes.
 */
package org.parley.bench.web;
