package org.parley.reliable.message;

import java.util.Objects;

/**
 * The {@code wsrm:Sequence} header of a sequence message (WS-RM 1.2 section 3.7).
 *
 * @param lastMessage Feb 2005 section 3.1 {@code wsrm:LastMessage}; always false in 1.2
 */
public record SequenceHeader(
    RmVersion version, String identifier, long messageNumber, boolean lastMessage) {
  public SequenceHeader {
    Objects.requireNonNull(version, "version");
    RmLimits.checkIdentifierShape(identifier);
    if (messageNumber < 1) {
      throw new IllegalArgumentException("message numbers start at 1");
    }
    if (lastMessage && version != RmVersion.WSRM_200502) {
      throw new IllegalArgumentException("LastMessage exists only in WS-RM Feb 2005");
    }
  }
}
