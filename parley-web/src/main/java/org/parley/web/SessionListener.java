package org.parley.web;

/**
 * Receives {@link SessionEvent}s: issued, renewed, signed out, and every rejected cookie with its
 * {@link SessionEvent.Reason}. Called on the request thread; must be quick and must not throw (an
 * exception is caught and ignored so that it can never break a request).
 */
@FunctionalInterface
public interface SessionListener {
  SessionListener NONE = e -> {};

  void onEvent(SessionEvent event);
}
