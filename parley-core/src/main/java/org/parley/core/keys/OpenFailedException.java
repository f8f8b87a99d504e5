package org.parley.core.keys;

/**
 * Sealed data could not be opened. The message is always "failed": unknown key id, expired key, bad
 * version, truncation, tampering and wrong associated data look the same to the caller (and to
 * anyone the caller might tell), so a failure reveals nothing about which check failed.
 */
public final class OpenFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  OpenFailedException() {
    super("failed", null, false, false);
  }
}
