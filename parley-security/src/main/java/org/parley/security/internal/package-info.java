/**
 * Implementation details of the security engine, not API: algorithm URIs (XML Signature 1.1, XML
 * Encryption 1.1, WSS 1.1 token profiles, WS-SC 1.3), JCA primitives with per-thread caches, and
 * exclusive canonicalization (W3C exc-c14n 1.0) through Apache Santuario.
 */
package org.parley.security.internal;
