/**
 * The demo federation: a passive STS at {@code /sts/passive} and a relying-party web app at {@code
 * /app/} on one servlet context, wired as WS-Federation 1.2 section 13 describes, with users from a
 * bundled file. Used by {@code parley demo} and by the browser end-to-end tests.
 */
package org.parley.sts.demo;
