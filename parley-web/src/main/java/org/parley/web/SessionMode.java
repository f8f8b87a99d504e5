package org.parley.web;

/** Where a session's token lives. */
public enum SessionMode {
  /** The sealed token itself travels in the (possibly chunked) session cookies. */
  COOKIE,
  /**
   * The cookie carries only the session id and a per-session secret; the token sits in the {@link
   * org.parley.core.store.SessionTokenStore}, sealed with that secret (WIF reference mode).
   */
  REFERENCE
}
