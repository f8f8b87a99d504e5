package org.parley.wire.addressing;

import java.util.Objects;

/**
 * A {@code wsa:RelatesTo} header: the related message id and the relationship type, where {@code
 * null} means the default "reply" relationship of either version (WS-Addressing 1.0 Core section
 * 3.1; 2004/08 section 3.1, {@code wsa:Reply}).
 */
public record RelatesTo(String messageId, String relationshipType) {
  public RelatesTo {
    Objects.requireNonNull(messageId, "messageId");
    if (messageId.isEmpty()) {
      throw new IllegalArgumentException("RelatesTo needs a message id");
    }
  }

  /** A reply relationship to {@code messageId}. */
  public static RelatesTo reply(String messageId) {
    return new RelatesTo(messageId, null);
  }

  public boolean isReply() {
    return relationshipType == null;
  }
}
