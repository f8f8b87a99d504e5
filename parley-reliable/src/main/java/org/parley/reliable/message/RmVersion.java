package org.parley.reliable.message;

import org.parley.wire.Ns;
import org.parley.wire.addressing.AddressingVersion;

/**
 * The two WS-ReliableMessaging versions Parley speaks: OASIS WS-RM 1.2 (2007/02) and the February
 * 2005 submission (WCF's {@code WSReliableMessagingFebruary2005}). Each fixes its namespace, its
 * WS-Addressing version and which messages exist.
 */
public enum RmVersion {
  /** OASIS WS-ReliableMessaging 1.2 with WS-Addressing 1.0. */
  WSRM_12(Ns.WSRM12, AddressingVersion.WSA_10),
  /** WS-ReliableMessaging February 2005 with WS-Addressing 2004/08. */
  WSRM_200502(Ns.WSRM200502, AddressingVersion.WSA_200408);

  private final String namespace;
  private final AddressingVersion addressing;

  RmVersion(String namespace, AddressingVersion addressing) {
    this.namespace = namespace;
    this.addressing = addressing;
  }

  /** The version with this namespace, or null. */
  public static RmVersion forNamespace(String namespace) {
    for (RmVersion v : values()) {
      if (v.namespace.equals(namespace)) {
        return v;
      }
    }
    return null;
  }

  public String namespace() {
    return namespace;
  }

  /** The WS-Addressing version of endpoint references (AcksTo, Offer/Endpoint) in this version. */
  public AddressingVersion addressing() {
    return addressing;
  }

  /** WS-RM 1.2 section 3.5 and 3.6: CloseSequence exists only in 1.2. */
  public boolean hasClose() {
    return this == WSRM_12;
  }

  /** WS-RM 1.2 section 3.6: TerminateSequence is answered; in Feb 2005 it is one-way. */
  public boolean terminateIsAnswered() {
    return this == WSRM_12;
  }

  public String actionCreateSequence() {
    return namespace + "/CreateSequence";
  }

  public String actionCreateSequenceResponse() {
    return namespace + "/CreateSequenceResponse";
  }

  public String actionCloseSequence() {
    return namespace + "/CloseSequence";
  }

  public String actionCloseSequenceResponse() {
    return namespace + "/CloseSequenceResponse";
  }

  public String actionTerminateSequence() {
    return namespace + "/TerminateSequence";
  }

  public String actionTerminateSequenceResponse() {
    return namespace + "/TerminateSequenceResponse";
  }

  public String actionAckRequested() {
    return namespace + "/AckRequested";
  }

  public String actionSequenceAcknowledgement() {
    return namespace + "/SequenceAcknowledgement";
  }

  /** Feb 2005 section 3.3: the action of an empty message that only carries LastMessage. */
  public String actionLastMessage() {
    return namespace + "/LastMessage";
  }

  /** Whether {@code action} is one of this version's RM protocol actions. */
  public boolean isProtocolAction(String action) {
    return action != null && action.startsWith(namespace + "/");
  }
}
