package org.parley.reliable.message;

import java.util.List;
import java.util.Optional;

/**
 * The WS-RM header blocks of one message, as {@link RmCodec#readHeaders} found them.
 *
 * @param sequence the {@code wsrm:Sequence} header, or null
 * @param ackRequested the {@code wsrm:AckRequested} headers
 * @param acknowledgements the {@code wsrm:SequenceAcknowledgement} headers
 * @param usesSequenceStr whether {@code wsrm:UsesSequenceSTR} is present (WS-RM 1.2 section 5.2.1)
 */
public record RmHeaders(
    SequenceHeader sequence,
    List<SequenceControl> ackRequested,
    List<SequenceAcknowledgement> acknowledgements,
    boolean usesSequenceStr) {
  public RmHeaders {
    ackRequested = List.copyOf(ackRequested);
    acknowledgements = List.copyOf(acknowledgements);
  }

  public Optional<SequenceHeader> sequenceIfAny() {
    return Optional.ofNullable(sequence);
  }
}
