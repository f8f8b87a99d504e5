/**
 * Implementation of the session module: the binary token format ({@code TokenCodec}), the chunk
 * format ({@code ChunkedCookies}, RFC 6265 cookie-value characters), seal opening with reasons
 * ({@code Sealer}, over core's AES-GCM {@code KeyRing}), the store adapter and revocation marks.
 * Not an API.
 */
package org.parley.web.internal;
