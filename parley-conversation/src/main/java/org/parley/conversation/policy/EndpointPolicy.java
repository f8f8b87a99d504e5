package org.parley.conversation.policy;

import java.util.Objects;
import java.util.Optional;
import org.parley.security.SecurityPolicy;

/**
 * What a WSDL binding's WS-Policy asks of its messages: either a secure conversation ({@link
 * ConversationPolicy}) or per-message protection without one (X.509 on every message).
 */
public final class EndpointPolicy {
  private final PolicyDialect dialect;
  private final SecurityPolicy messagePolicy;
  private final ConversationPolicy conversation;

  private EndpointPolicy(
      PolicyDialect dialect, SecurityPolicy messagePolicy, ConversationPolicy conversation) {
    this.dialect = dialect;
    this.messagePolicy = messagePolicy;
    this.conversation = conversation;
  }

  /** A secure conversation endpoint, published in its version's dialect. */
  public static EndpointPolicy of(ConversationPolicy conversation) {
    Objects.requireNonNull(conversation, "conversation");
    return new EndpointPolicy(conversation.dialect(), conversation.messagePolicy(), conversation);
  }

  /** An endpoint protecting every message on its own (no secure conversation). */
  public static EndpointPolicy perMessage(PolicyDialect dialect, SecurityPolicy policy) {
    return new EndpointPolicy(
        Objects.requireNonNull(dialect, "dialect"), Objects.requireNonNull(policy, "policy"), null);
  }

  public PolicyDialect dialect() {
    return dialect;
  }

  /** The protection of application messages. */
  public SecurityPolicy messagePolicy() {
    return messagePolicy;
  }

  public Optional<ConversationPolicy> conversation() {
    return Optional.ofNullable(conversation);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EndpointPolicy e
        && dialect == e.dialect
        && Objects.equals(conversation, e.conversation)
        && PolicyEquality.same(messagePolicy, e.messagePolicy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dialect, conversation);
  }

  @Override
  public String toString() {
    return "EndpointPolicy["
        + dialect
        + ", "
        + (conversation != null ? conversation : "per message " + messagePolicy)
        + "]";
  }
}
