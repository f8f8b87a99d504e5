/**
 * The WS-Trust side of secure conversation: typed, immutable {@link
 * org.parley.conversation.trust.RequestSecurityToken} and {@link
 * org.parley.conversation.trust.RequestSecurityTokenResponse} of the SCT exchange, their strict and
 * bounded codec ({@link org.parley.conversation.trust.TrustCodec}), and the proof key computation
 * ({@link org.parley.conversation.trust.KeyComputation}).
 *
 * <p>Specifications:
 *
 * <ul>
 *   <li>OASIS WS-Trust 1.3 (19 March 2007): section 3 (RST, RSTR, 3.3 BinarySecret), section 4
 *       (issuance: 4.1 request, 4.3 RSTR collection, 4.4 response with requested references, 4.4.3
 *       keys and entropy, 4.4.4 the {@code CK/PSHA1} computed key {@code P_SHA1(EntREQ, EntRES)}),
 *       section 5 (renewal: RenewTarget, Renewing), section 6 (cancel: CancelTarget,
 *       RequestedTokenCancelled), section 7 (validation, refused for SCTs), section 9.2 (KeySize,
 *       KeyType, ComputedKeyAlgorithm), section 11 (faults: {@code wst:InvalidRequest}).
 *   <li>WS-Trust February 2005 (the member submission WCF's {@code WSTrustFeb2005} speaks): the
 *       same model under {@code http://schemas.xmlsoap.org/ws/2005/02/trust}, with bare RSTRs.
 *   <li>OASIS WS-SecureConversation 1.3: section 2 (the security context token), section 3
 *       (establishing it: the SCT binding of WS-Trust, 3.1), section 5 (renewing contexts), section
 *       6 (canceling contexts), and its error handling ({@code wsc:BadContextToken}).
 *   <li>RFC 2246 section 5: P_SHA1.
 * </ul>
 *
 * <p>Deviations seen on real peers are accepted only through {@link
 * org.parley.conversation.trust.TrustCompliance}, each named.
 */
package org.parley.conversation.trust;
