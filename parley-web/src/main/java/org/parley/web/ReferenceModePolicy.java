package org.parley.web;

/** When a session goes to {@link SessionMode#REFERENCE reference mode}. */
public enum ReferenceModePolicy {
  /**
   * Cookie mode, unless the session's cookies would exceed the cookie budget; then that session
   * switches to reference mode by itself. The default.
   */
  WHEN_OVER_BUDGET,
  /** Every session in reference mode: nothing but an id and a secret ever leaves the server. */
  ALWAYS,
  /**
   * Never: a session that does not fit the cookie budget cannot be started ({@link
   * SessionManager#signIn} throws). For deployments without a shared store.
   */
  NEVER
}
