package org.parley.reliable;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.parley.conversation.client.SecureConversationClient;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.reliable.policy.ReliablePolicy;
import org.w3c.dom.Element;

/**
 * A secure conversation that is also a reliable session when the peer's WSDL asks for one: the
 * peer's {@code wsrmp:RMAssertion} (read with {@link ReliablePolicy#read}) switches WS-RM on, and
 * the sequence is created inside the conversation, bound to its context. Without the assertion the
 * calls go straight through the conversation. Thread-safe.
 */
public final class ReliableConversation implements AutoCloseable {
  private final SecureConversationClient.Conversation conversation;
  private final ReliableSource.Session session;

  private ReliableConversation(
      SecureConversationClient.Conversation conversation, ReliableSource.Session session) {
    this.conversation = conversation;
    this.session = session;
  }

  /**
   * Establishes the context with {@code client} and, when {@code policy} is present, a sequence
   * inside it.
   *
   * @param settings adjusts the RM source (retransmission, window) before it is built
   */
  public static ReliableConversation open(
      SecureConversationClient client,
      Optional<ReliablePolicy> policy,
      UnaryOperator<ReliableSource.Builder> settings)
      throws IOException, ParleyFault {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(settings, "settings");
    SecureConversationClient.Conversation c = client.open();
    if (policy.isEmpty()) {
      return new ReliableConversation(c, null);
    }
    try {
      ReliablePolicy p = policy.get();
      ReliableSource.Builder b =
          ReliableSource.newBuilder()
              .transport(c::exchange)
              .to(client.address().toString())
              .version(p.version());
      // WS-RM 1.2 section 5.2.1: inside a secure conversation the sequence is bound to its
      // context, whether or not the peer's policy insists (SequenceSTR).
      if (p.version() == org.parley.reliable.message.RmVersion.WSRM_12) {
        b.boundToContext(c.identifier());
      } else if (p.sequenceStr()) {
        throw new ParleyFault(
            FaultCode.SOAP_RECEIVER, "SequenceSTR with a Feb 2005 RM assertion is not defined");
      }
      return new ReliableConversation(c, settings.apply(b).build().open());
    } catch (IOException | ParleyFault | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** The security context's identifier. */
  public String contextIdentifier() {
    return conversation.identifier();
  }

  /** The sequence's identifier, when WS-RM is on. */
  public Optional<String> sequenceIdentifier() {
    return session == null ? Optional.empty() : Optional.of(session.identifier());
  }

  /** Calls {@code action}: in the sequence when WS-RM is on, else in the conversation alone. */
  public Element call(String action, Element payload) throws IOException, ParleyFault {
    if (session != null) {
      return session.call(action, payload);
    }
    return conversation.call(action, payload);
  }

  /** Terminates the sequence (when there is one), then cancels the context. */
  @Override
  public void close() throws IOException, ParleyFault {
    try {
      if (session != null) {
        session.close();
      }
    } finally {
      conversation.close();
    }
  }
}
