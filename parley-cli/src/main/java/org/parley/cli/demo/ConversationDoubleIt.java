package org.parley.cli.demo;

import java.io.IOException;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.xml.namespace.QName;
import org.parley.cli.keys.DevKeys;
import org.parley.conversation.client.SecureConversationClient;
import org.parley.conversation.policy.BootstrapPolicy;
import org.parley.conversation.policy.ConversationPolicy;
import org.parley.conversation.service.ContextMode;
import org.parley.conversation.service.SecureConversationService;
import org.parley.conversation.trust.EntropyMode;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.fault.ParleyFault;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.SoapHttpClient;
import org.parley.reliable.ReliableDestination;
import org.parley.reliable.policy.ReliablePolicy;
import org.parley.security.AlgorithmSuite;
import org.parley.security.CertificateTrust;
import org.parley.security.SecurityPolicy;
import org.parley.wire.Ns;

/**
 * DoubleIt inside a WS-SecureConversation context, as {@code
 * shared/peer-captures/wsdl/DoubleItSC13.wsdl} and {@code DoubleItSC200502.wsdl} describe it: the
 * application messages under a symmetric binding (WS-SP 1.2 section 7.4) keyed by the security
 * context token with derived keys, Basic256, the signature encrypted; the context established
 * either under an asymmetric X.509 binding (WS-SC 1.3 with WS-SP 1.2) or under a symmetric binding
 * with an endorsing client certificate (WS-SC February 2005 with WS-SP 1.1). The service trusts
 * client certificates issued by the development CA; the client trusts the development service
 * certificate.
 */
public final class ConversationDoubleIt {
  private static final String TEMPLATE = "DoubleItConversation.wsdl";

  /**
   * How long a demo context's key lives. Shorter than the service default (WCF's 15 hours): {@code
   * parley call} without {@code --cancel}, and every call to the MustNotSendCancel endpoint, leaves
   * its context to expire, and each client certificate may hold only {@link
   * SecureConversationService#DEFAULT_MAX_CONTEXTS_PER_CLIENT} live contexts; with 10 minutes a
   * user who calls often is locked out for minutes, not hours.
   */
  public static final Duration DEMO_CONTEXT_LIFETIME = Duration.ofMinutes(10);

  private ConversationDoubleIt() {}

  private static SecurityPolicy parts(SecurityPolicy.Binding binding, boolean derivedKeys) {
    return partsBuilder(binding, derivedKeys).build();
  }

  private static SecurityPolicy.Builder partsBuilder(
      SecurityPolicy.Binding binding, boolean derivedKeys) {
    return SecurityPolicy.newBuilder()
        .binding(binding)
        .algorithmSuite(AlgorithmSuite.BASIC256)
        // WS-SP 1.2 section 4.1.1 SignedParts: all WS-Addressing 1.0 headers are signed.
        .signHeader(new QName(Ns.WSA10, ""))
        .encryptSignature(true)
        .derivedKeys(derivedKeys);
  }

  /**
   * {@link #sc13(boolean)} whose application messages also sign every WS-RM 1.2 header (WS-RM 1.2
   * section 5.1: the sequence's numbering is protected by the context it is bound to).
   */
  public static ConversationPolicy sc13Reliable() {
    return ConversationPolicy.newBuilder(
            partsBuilder(SecurityPolicy.Binding.SYMMETRIC, true)
                .signHeader(new QName(Ns.WSRM12, ""))
                .build(),
            BootstrapPolicy.asymmetricX509(parts(SecurityPolicy.Binding.ASYMMETRIC, false)))
        .version(TrustVersion.WS_TRUST_13)
        .entropyMode(EntropyMode.COMBINED)
        .build();
  }

  /**
   * DoubleIt in a secure conversation and a WS-RM 1.2 reliable session bound to it: the messages
   * pass a {@link ReliableDestination} (exactly once, in order), and the WSDL carries {@code
   * wsrmp:RMAssertion} with {@code wsrmp:SequenceSTR}.
   */
  public static SoapEndpoint reliableEndpoint(DevKeys keys, Clock clock) {
    return reliableEndpoint(keys, clock, UnaryOperator.identity());
  }

  /**
   * As {@link #reliableEndpoint(DevKeys, Clock)}, with further service settings (a farm's shared
   * stores) applied after the demo's own.
   */
  public static SoapEndpoint reliableEndpoint(
      DevKeys keys, Clock clock, UnaryOperator<SecureConversationService.Builder> options) {
    SecureConversationService service =
        options
            .apply(
                SecureConversationService.newBuilder()
                    .policy(sc13Reliable())
                    .clock(clock)
                    .contextLifetime(DEMO_CONTEXT_LIFETIME)
                    .serviceKey(keys.service().getPrivateKey(), certificate(keys.service()))
                    .clientTrust(trust(keys, List.of(), clock))
                    .wsdlTemplate(DoubleIt.resource(TEMPLATE))
                    .operation(
                        DoubleIt.ACTION,
                        DoubleIt.REPLY_ACTION,
                        (payload, caller) -> DoubleIt.answer(payload))
                    .wrapMessages(
                        operations ->
                            ReliableDestination.newBuilder()
                                .handler(operations)
                                .clock(clock)
                                .build(),
                        ReliableDestination.understoodHeaders()))
            .build();
    return ReliablePolicy.boundToSecurityContext()
        .publish(service.endpoint(), service.wsdl().orElseThrow());
  }

  /**
   * WS-SC 1.3 / WS-SP 1.2, asymmetric X.509 bootstrap; with {@code requireCancellation} false the
   * policy carries {@code sp:MustNotSendCancel} (WS-SP 1.2 section 5.4.7) and the service refuses
   * Cancel.
   */
  public static ConversationPolicy sc13(boolean requireCancellation) {
    ConversationPolicy.Builder b =
        ConversationPolicy.newBuilder(
                parts(SecurityPolicy.Binding.SYMMETRIC, true),
                BootstrapPolicy.asymmetricX509(parts(SecurityPolicy.Binding.ASYMMETRIC, false)))
            .version(TrustVersion.WS_TRUST_13)
            .entropyMode(EntropyMode.COMBINED);
    if (!requireCancellation) {
      b.mustNotSendCancel();
    }
    return b.build();
  }

  /** WS-SC February 2005 / WS-SP 1.1, symmetric X.509 bootstrap with an endorsing client cert. */
  public static ConversationPolicy sc200502() {
    return ConversationPolicy.newBuilder(
            parts(SecurityPolicy.Binding.SYMMETRIC, true),
            BootstrapPolicy.symmetricX509Endorsing(parts(SecurityPolicy.Binding.SYMMETRIC, true)))
        .version(TrustVersion.WS_TRUST_200502)
        .entropyMode(EntropyMode.COMBINED)
        .build();
  }

  /** The service endpoint for {@code policy}, its {@code ?wsdl} generated from the policy. */
  public static SoapEndpoint endpoint(ConversationPolicy policy, DevKeys keys, Clock clock) {
    return service(policy, keys, clock).build().endpoint();
  }

  /**
   * As {@link #endpoint(ConversationPolicy, DevKeys, Clock)}, with further service settings (a
   * farm's shared context store, replay cache, key ring and context mode) applied after the demo's
   * own.
   */
  public static SoapEndpoint endpoint(
      ConversationPolicy policy,
      DevKeys keys,
      Clock clock,
      UnaryOperator<SecureConversationService.Builder> options) {
    return options.apply(service(policy, keys, clock)).build().endpoint();
  }

  /**
   * The cookie-mode endpoint for {@code policy}: contexts are sealed with {@code ring} into the SCT
   * and the service stores none (its WSDL is the same as the session-mode one: cookie mode is the
   * issuer's business, the client just returns the token it was given).
   */
  public static SoapEndpoint cookieEndpoint(
      ConversationPolicy policy, DevKeys keys, Clock clock, KeyRing ring) {
    return service(policy, keys, clock)
        .contextMode(ContextMode.COOKIE)
        .keyRing(ring)
        .build()
        .endpoint();
  }

  /** A key ring for the demo's cookie-mode contexts: one fresh key, in memory only. */
  public static KeyRing demoKeyRing(Clock clock) {
    Instant now = clock.instant();
    return KeyRing.of(
        clock,
        List.of(RingKey.generate("demo-1", now.minusSeconds(60), now.plus(Duration.ofDays(30)))));
  }

  private static SecureConversationService.Builder service(
      ConversationPolicy policy, DevKeys keys, Clock clock) {
    return SecureConversationService.newBuilder()
        .policy(policy)
        .clock(clock)
        .contextLifetime(DEMO_CONTEXT_LIFETIME)
        .serviceKey(keys.service().getPrivateKey(), certificate(keys.service()))
        .clientTrust(trust(keys, List.of(), clock))
        .wsdlTemplate(DoubleIt.resource(TEMPLATE))
        .operation(
            DoubleIt.ACTION, DoubleIt.REPLY_ACTION, (payload, caller) -> DoubleIt.answer(payload));
  }

  /**
   * The client for the secure conversation WSDL {@code wsdl} (already fetched from {@code
   * wsdlUri}), as the development client, trusting the development service certificate.
   *
   * @throws ParleyFault when the WSDL publishes no secure conversation policy Parley supports
   */
  public static SecureConversationClient client(
      byte[] wsdl, SoapHttpClient http, DevKeys keys, Clock clock) throws IOException, ParleyFault {
    return client(wsdl, null, http, keys, clock);
  }

  /**
   * As {@link #client(byte[], SoapHttpClient, DevKeys, Clock)}, sending to {@code address} instead
   * of the WSDL's (e.g. a farm's load balancer); null keeps the WSDL's.
   */
  public static SecureConversationClient client(
      byte[] wsdl, URI address, SoapHttpClient http, DevKeys keys, Clock clock)
      throws IOException, ParleyFault {
    X509Certificate service = certificate(keys.service());
    SecureConversationClient.Builder b = SecureConversationClient.newBuilder().wsdl(wsdl);
    if (address != null) {
      b.address(address);
    }
    return b.httpClient(http)
        .clock(clock)
        .clientKey(keys.client().getPrivateKey(), certificate(keys.client()))
        .serviceCertificate(service)
        .serviceTrust(trust(keys, List.of(service), clock))
        .build();
  }

  /** Calls DoubleIt in {@code conversation} and returns {@code doubledNumber}. */
  public static int call(SecureConversationClient.Conversation conversation, int numberToDouble)
      throws IOException, ParleyFault {
    return DoubleIt.result(conversation.call(DoubleIt.ACTION, DoubleIt.request(numberToDouble)));
  }

  private static CertificateTrust trust(DevKeys keys, List<X509Certificate> known, Clock clock) {
    return CertificateTrust.pkix(Set.of(new TrustAnchor(keys.caCertificate(), null)), known, clock);
  }

  private static X509Certificate certificate(KeyStore.PrivateKeyEntry entry) {
    return (X509Certificate) entry.getCertificate();
  }
}
