package org.parley.reliable.message;

import java.util.Objects;

/**
 * The messages that name only a sequence: CloseSequence, TerminateSequence and their responses
 * (WS-RM 1.2 sections 3.5 and 3.6), and AckRequested (section 3.8).
 *
 * @param lastMsgNumber the highest message number sent, for Close and Terminate in 1.2; 0 when
 *     absent
 */
public record SequenceControl(Kind kind, RmVersion version, String identifier, long lastMsgNumber) {
  /** Which control message, by its element's local name. */
  public enum Kind {
    CLOSE("CloseSequence"),
    CLOSE_RESPONSE("CloseSequenceResponse"),
    TERMINATE("TerminateSequence"),
    TERMINATE_RESPONSE("TerminateSequenceResponse"),
    ACK_REQUESTED("AckRequested");

    private final String localName;

    Kind(String localName) {
      this.localName = localName;
    }

    public String localName() {
      return localName;
    }
  }

  public SequenceControl {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(version, "version");
    RmLimits.checkIdentifierShape(identifier);
    if (lastMsgNumber < 0) {
      throw new IllegalArgumentException("lastMsgNumber is >= 0 (0 = absent)");
    }
    boolean only12 =
        kind == Kind.CLOSE || kind == Kind.CLOSE_RESPONSE || kind == Kind.TERMINATE_RESPONSE;
    if (only12 && version != RmVersion.WSRM_12) {
      throw new IllegalArgumentException(kind.localName() + " exists only in WS-RM 1.2");
    }
    if (lastMsgNumber != 0
        && (version != RmVersion.WSRM_12 || (kind != Kind.CLOSE && kind != Kind.TERMINATE))) {
      throw new IllegalArgumentException("LastMsgNumber is only in WS-RM 1.2 Close and Terminate");
    }
  }

  public static SequenceControl of(Kind kind, RmVersion version, String identifier) {
    return new SequenceControl(kind, version, identifier, 0);
  }
}
