/**
 * The WS-Policy form of a secure conversation endpoint: the typed {@link
 * org.parley.conversation.policy.ConversationPolicy} (and {@link
 * org.parley.conversation.policy.EndpointPolicy} for endpoints without a conversation), written
 * into a WSDL by {@link org.parley.conversation.policy.PolicyWriter} and read back from a peer's
 * WSDL by {@link org.parley.conversation.policy.WsdlPolicyReader}.
 *
 * <p>Specifications:
 *
 * <ul>
 *   <li>W3C WS-Policy 1.5 Framework: section 3.2 (policy alternatives: one is supported only when
 *       all its assertions are), section 4.1 (normal form, computed here with bounded expansion),
 *       section 4.3 (compact form: 4.3.1 {@code wsp:Optional}, 4.3.2 nested policy, 4.3.3
 *       operators, 4.3.4 {@code wsp:PolicyReference}), {@code wsp:Ignorable}.
 *   <li>W3C WS-Policy 1.5 Attachment: section 3.1 (element attachment), section 4 (WSDL 1.1
 *       attachment points: endpoint and message policy subjects, effective policy).
 *   <li>WS-Policy 1.2 (2004/09, the member submission used by WS-SP 1.1 policies).
 *   <li>OASIS WS-SecurityPolicy 1.2: sections 4.1.1 and 4.2.1 (SignedParts, EncryptedParts),
 *       section 5.4.3 (X509Token), 5.4.7 (SecureConversationToken, BootstrapPolicy,
 *       RequireDerivedKeys), section 6.1 (algorithm suites), 6.2-6.7 (timestamp, protection order,
 *       signature encryption, layout), section 7.4 and 7.5 (symmetric and asymmetric bindings),
 *       section 8 (endorsing supporting tokens), section 9 (Wss10, Wss11), section 10 (Trust13).
 *   <li>OASIS WS-SecurityPolicy 1.3 section 5.4.7: {@code sp:MustNotSendCancel}.
 *   <li>WS-SecurityPolicy 1.1 (2005/07): the same assertions, and Trust10.
 *   <li>[MS-SP] Microsoft's WS-SecurityPolicy extensions: {@code mssp:MustNotSendCancel}, published
 *       by WCF when RequireCancellation is false.
 *   <li>W3C WS-Addressing 1.0 Metadata ({@code wsam:Addressing}) and WSDL Binding ({@code
 *       wsaw:UsingAddressing}).
 * </ul>
 */
package org.parley.conversation.policy;
