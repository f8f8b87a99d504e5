package org.parley.conversation.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.xml.namespace.QName;
import org.parley.conversation.policy.BootstrapPolicy;
import org.parley.conversation.policy.ConversationPolicy;
import org.parley.conversation.policy.EndpointPolicy;
import org.parley.conversation.policy.PolicyWriter;
import org.parley.conversation.sct.SecurityContextToken;
import org.parley.conversation.trust.BinarySecret;
import org.parley.conversation.trust.ContextTokenReference;
import org.parley.conversation.trust.Entropy;
import org.parley.conversation.trust.KeyComputation;
import org.parley.conversation.trust.Lifetime;
import org.parley.conversation.trust.ProofToken;
import org.parley.conversation.trust.RequestSecurityToken;
import org.parley.conversation.trust.RequestSecurityTokenResponse;
import org.parley.conversation.trust.RequestType;
import org.parley.conversation.trust.TrustCodec;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.SecretBytes;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.core.store.CreateOutcome;
import org.parley.core.store.ReplayCache;
import org.parley.core.store.SecurityContextStore;
import org.parley.core.store.StoreUnavailableException;
import org.parley.core.store.StoredSecurityContext;
import org.parley.core.store.Versioned;
import org.parley.core.store.memory.InMemoryReplayCache;
import org.parley.core.store.memory.InMemorySecurityContextStore;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.SoapHandler;
import org.parley.endpoint.SoapRequest;
import org.parley.endpoint.WsdlProvider;
import org.parley.security.CertificateTrust;
import org.parley.security.InboundContext;
import org.parley.security.InboundProcessor;
import org.parley.security.OutboundCredentials;
import org.parley.security.OutboundProtector;
import org.parley.security.PrivateKeyResolver;
import org.parley.security.SecurityContextResolver;
import org.parley.security.VerifiedMessage;
import org.parley.security.VerifiedTimestamp;
import org.parley.security.VerifiedToken;
import org.parley.wire.Ns;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A secure conversation endpoint: the same address answers RST/SCT Issue (under the policy's
 * bootstrap), Renew and Cancel, and application messages protected with keys derived from an issued
 * security context. Built once, immutable configuration, thread-safe; host it with {@link
 * #endpoint()} in a {@code ParleyServer} or any servlet container.
 *
 * <p>Each request runs this chain (see {@link #handle}): pick the protection by action, verify it
 * with the WS-Security engine, refuse a replayed signature, check who signed, then issue, renew,
 * cancel or dispatch to the operation.
 */
public final class SecureConversationService {
  /** Default of the setting {@code contextLifetime}: WCF's 15 hours for issued contexts. */
  public static final Duration DEFAULT_CONTEXT_LIFETIME = Duration.ofHours(15);

  /** Default of the setting {@code renewalWindow}: how long an expired context may be renewed. */
  public static final Duration DEFAULT_RENEWAL_WINDOW = Duration.ofMinutes(15);

  /** Default of the setting {@code replayWindow}: WCF's 5 minutes. */
  public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofMinutes(5);

  /** Default of the setting {@code maxContextsPerClient}: WCF's maxPendingSessions-like 128. */
  public static final int DEFAULT_MAX_CONTEXTS_PER_CLIENT = 128;

  /** Default of the setting {@code maxMessageBytes}: 1 MiB. */
  public static final long DEFAULT_MAX_MESSAGE_BYTES = 1024L * 1024;

  /** Largest key a client may ask for in {@code wst:KeySize}. */
  private static final int MAX_KEY_SIZE_BITS = 512;

  private static final HardenedXml XML = HardenedXml.create(XmlLimits.DEFAULT);

  private final ConversationPolicy policy;
  private final TrustVersion version;
  private final PrivateKey serviceKey;
  private final X509Certificate serviceCertificate;
  private final SecurityContextStore store;
  private final ReplayCache replayCache;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration contextLifetime;
  private final Duration renewalWindow;
  private final Duration replayWindow;
  private final int maxContextsPerClient;
  private final Map<String, Op> operations;
  private final TrustCodec trust;
  private final InboundProcessor bootstrapInbound;
  private final InboundProcessor messageInbound;
  private final OutboundProtector bootstrapOutbound;
  private final OutboundProtector messageOutbound;
  private final OutboundProtector cancelOutbound;
  private final byte[] wsdl;
  private final long maxMessageBytes;

  private record Op(String replyAction, ConversationOperation handler) {}

  private SecureConversationService(Builder b) {
    this.policy = b.policy;
    this.version = b.policy.version();
    this.serviceKey = b.serviceKey;
    this.serviceCertificate = b.serviceCertificate;
    this.clock = b.clock;
    this.store =
        b.store != null ? b.store : InMemorySecurityContextStore.builder().clock(b.clock).build();
    this.replayCache =
        b.replayCache != null
            ? b.replayCache
            : InMemoryReplayCache.builder().clock(b.clock).build();
    this.random = b.random;
    this.contextLifetime = b.contextLifetime;
    this.renewalWindow = b.renewalWindow;
    this.replayWindow = b.replayWindow;
    this.maxContextsPerClient = b.maxContextsPerClient;
    this.operations = Map.copyOf(b.operations);
    this.trust = TrustCodec.strict();
    PrivateKeyResolver keys = PrivateKeyResolver.of(serviceCertificate, serviceKey);
    SecurityContextResolver contexts = this::liveSecret;
    this.bootstrapInbound =
        InboundProcessor.newBuilder()
            .policy(policy.bootstrap().securityPolicy())
            .clock(clock)
            .privateKeys(keys)
            .certificateTrust(b.clientTrust)
            .build();
    this.messageInbound =
        InboundProcessor.newBuilder()
            .policy(policy.messagePolicy())
            .clock(clock)
            .privateKeys(keys)
            .certificateTrust(b.clientTrust)
            .securityContexts(contexts)
            .build();
    this.bootstrapOutbound =
        OutboundProtector.newBuilder()
            .policy(policy.bootstrap().securityPolicy())
            .clock(clock)
            .random(random)
            .build();
    this.messageOutbound =
        OutboundProtector.newBuilder()
            .policy(policy.messagePolicy())
            .clock(clock)
            .random(random)
            .build();
    // A cancel response is signed with the context being cancelled and not encrypted: the body
    // holds only RequestedTokenCancelled (what CXF sends too).
    this.cancelOutbound =
        OutboundProtector.newBuilder()
            .policy(policy.messagePolicy().toBuilder().allowUnencryptedBody().build())
            .clock(clock)
            .random(random)
            .build();
    this.wsdl = b.wsdlTemplate == null ? null : withPolicy(b.wsdlTemplate, policy);
    this.maxMessageBytes = b.maxMessageBytes;
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  public ConversationPolicy policy() {
    return policy;
  }

  /** The context store (for inspection and tests: what is live). */
  public SecurityContextStore store() {
    return store;
  }

  /** This service as a SOAP handler (the endpoint does its own WS-Security processing). */
  public SoapHandler handler() {
    return this::handleOrStoreFault;
  }

  /**
   * This service as a SOAP endpoint (hosted by parley-http or any binding): the handler, {@code
   * wsse:Security} understood, and the WSDL (with the WS-Policy generated from {@link #policy()})
   * on {@code GET ?wsdl} when a template was given.
   */
  public SoapEndpoint endpoint() {
    SoapEndpoint.Builder b =
        SoapEndpoint.newBuilder()
            .handler(handler())
            .maxMessageBytes(maxMessageBytes)
            .understands(new QName(Ns.WSSE, "Security"));
    if (wsdl != null) {
      b.wsdl(WsdlProvider.rewritingAddress(wsdl));
    }
    return b.build();
  }

  /** The published WSDL, policy attached, or empty when no template was given. */
  public Optional<byte[]> wsdl() {
    return wsdl == null ? Optional.empty() : Optional.of(wsdl.clone());
  }

  // ---------------------------------------------------------------------------------------------
  // The chain

  /**
   * A shared store (contexts, replay cache) that cannot be reached is the receiver's temporary
   * failure: a {@code Receiver} fault the client may retry (SOAP 1.2 part 1 section 5.4.6), logged
   * as a known condition, never as an incident. The replay cache failing closed lands here too: a
   * message that could not be checked is refused, not accepted.
   */
  private Document handleOrStoreFault(SoapRequest raw) throws ParleyFault {
    try {
      return handle(raw);
    } catch (StoreUnavailableException e) {
      throw new ParleyFault(e.faultCode(), e.getMessage() + "; the client may retry later", e);
    }
  }

  private Document handle(SoapRequest raw) throws ParleyFault {
    String action = raw.action();
    if (action == null) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "the request names no action");
    }
    Document doc = raw.envelope().document();
    if (action.equals(version.actionIssueRequest())) {
      Verified v = verifyBootstrap(doc);
      return issue(raw, v);
    }
    if (action.equals(version.actionRenewRequest())) {
      Verified v = verifyBootstrapOrContext(doc);
      return renew(raw, v);
    }
    if (action.equals(version.actionCancelRequest())) {
      if (!policy.requireCancellation()) {
        // WS-SP 1.2 section 5.4.7 MustNotSendCancel: this endpoint's contexts are not cancelled.
        throw new ParleyFault(
            FaultCode.TRUST_INVALID_REQUEST,
            "this endpoint publishes MustNotSendCancel (RequireCancellation=false); Cancel refused");
      }
      Verified v = verifyBootstrapOrContext(doc);
      return cancel(raw, v);
    }
    if (isOtherTrustAction(action)) {
      throw new ParleyFault(
          FaultCode.TRUST_INVALID_REQUEST,
          "action " + action + " is not a " + version + " RST/SCT action this endpoint answers");
    }
    Op op = operations.get(action);
    if (op == null) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "no operation for action " + action);
    }
    Verified v = verifyContext(doc);
    SoapRequest request = reread(raw, v.message);
    Element response = op.handler.handle(request.requirePayload(), v.context.principal().get());
    Document reply = request.reply(op.replyAction, response);
    return protect(
        messageOutbound,
        reply,
        OutboundCredentials.securityContext(v.context.contextId(), v.context.secret())
            .referencedByIdentifier()
            .inNamespace(version.scNamespace()),
        v.message);
  }

  /** A verified request and, for context-protected ones, the live context that keyed it. */
  private record Verified(
      VerifiedMessage message,
      StoredSecurityContext context,
      X509Certificate bootstrapCertificate) {}

  private Verified verifyBootstrap(Document doc) throws ParleyFault {
    VerifiedMessage m = bootstrapInbound.process(doc, InboundContext.none());
    X509Certificate cert = bootstrapIdentity(m);
    checkReplay(m);
    return new Verified(m, null, cert);
  }

  private Verified verifyContext(Document doc) throws ParleyFault {
    VerifiedMessage m;
    try {
      m = messageInbound.process(doc, InboundContext.none());
    } catch (ParleyFault e) {
      if (e.code() == FaultCode.SC_UNKNOWN_DERIVATION_SOURCE && namesUnknownContext(doc)) {
        // WS-SC 1.3 section 8: the keys derive from a context this service does not (or no
        // longer) know: that is wsc:BadContextToken, not a malformed derivation.
        throw new ParleyFault(
            FaultCode.SC_BAD_CONTEXT_TOKEN, "the security context is unknown or expired", e);
      }
      throw e;
    }
    VerifiedToken root = m.primarySigningToken().map(VerifiedToken::root).orElse(null);
    if (root == null
        || root.kind() != VerifiedToken.Kind.SECURITY_CONTEXT
        || root.contextIdentifier().isEmpty()) {
      // WS-SP 1.2 section 7.4: the protection token of this binding is the SCT.
      throw new ParleyFault(
          FaultCode.SC_BAD_CONTEXT_TOKEN,
          "the message is not signed with a key of a security context");
    }
    StoredSecurityContext c = live(root.contextIdentifier().get());
    checkReplay(m);
    return new Verified(m, c, null);
  }

  /**
   * Renew and Cancel: signed with a key of the context (WS-SC 1.3 sections 5 and 6), or, as CXF
   * sends them, protected under the bootstrap policy by the identity that established the context.
   * Which one it is shows only after verification, so the context form is tried first.
   */
  private Verified verifyBootstrapOrContext(Document doc) throws ParleyFault {
    boolean hasContextToken = false;
    for (String ns : List.of(Ns.WSC13, Ns.WSC200502)) {
      if (doc.getElementsByTagNameNS(ns, "SecurityContextToken").getLength() > 0) {
        hasContextToken = true;
      }
    }
    if (hasContextToken) {
      try {
        // The verifier works on a copy: a failed attempt must not leave the document decrypted.
        Document copy = (Document) doc.cloneNode(true);
        VerifiedMessage m = messageInbound.process(copy, InboundContext.none());
        VerifiedToken root = m.primarySigningToken().map(VerifiedToken::root).orElse(null);
        if (root != null
            && root.kind() == VerifiedToken.Kind.SECURITY_CONTEXT
            && root.contextIdentifier().isPresent()) {
          StoredSecurityContext c = known(root.contextIdentifier().get());
          checkReplay(m);
          return new Verified(m, c, null);
        }
      } catch (ParleyFault e) {
        // Not keyed by a context we know: the bootstrap form is the only other acceptable one.
      }
    }
    try {
      return verifyBootstrap(doc);
    } catch (ParleyFault e) {
      if (hasContextToken && namesUnknownContext(doc)) {
        // WS-SC 1.3 section 8: keyed by a context we do not (or no longer) know.
        throw new ParleyFault(
            FaultCode.SC_BAD_CONTEXT_TOKEN, "the security context is unknown or expired", e);
      }
      throw e;
    }
  }

  /** Whether the message carries an SCT whose context is not live here. */
  private boolean namesUnknownContext(Document doc) {
    for (String ns : List.of(Ns.WSC13, Ns.WSC200502)) {
      var scts = doc.getElementsByTagNameNS(ns, "SecurityContextToken");
      for (int i = 0; i < scts.getLength(); i++) {
        var ids = ((Element) scts.item(i)).getElementsByTagNameNS(ns, "Identifier");
        if (ids.getLength() == 1 && liveSecret(ids.item(0).getTextContent().strip()).isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  /** The certificate that authenticated a bootstrap message (WS-SP 1.2 sections 7.3 and 7.5). */
  private X509Certificate bootstrapIdentity(VerifiedMessage m) throws ParleyFault {
    BootstrapPolicy bp = policy.bootstrap();
    if (bp.kind() == BootstrapPolicy.Kind.ASYMMETRIC_X509) {
      VerifiedToken t = m.primarySigningToken().orElse(null);
      if (t != null && t.kind() == VerifiedToken.Kind.X509_CERTIFICATE) {
        return t.certificate().orElseThrow();
      }
    } else {
      for (VerifiedToken t : m.endorsingTokens()) {
        if (t.root().certificate().isPresent()) {
          return t.root().certificate().get();
        }
      }
    }
    throw new ParleyFault(
        FaultCode.FAILED_AUTHENTICATION,
        "the bootstrap message is not authenticated by an X.509 certificate as "
            + bp.kind()
            + " requires");
  }

  /**
   * WCF-style replay detection: the signature values identify a message; each may be seen once
   * while its timestamp is within {@code replayWindow}.
   */
  private void checkReplay(VerifiedMessage m) throws ParleyFault {
    List<byte[]> values = m.signatureValues();
    if (values.isEmpty()) {
      throw new ParleyFault(FaultCode.INVALID_SECURITY, "the message carries no signature");
    }
    VerifiedTimestamp ts =
        m.timestamp()
            .orElseThrow(
                () ->
                    new ParleyFault(
                        FaultCode.INVALID_SECURITY,
                        "a signed message must carry a wsu:Timestamp (WSS 1.1 section 10)"));
    MessageDigest sha = sha256();
    for (byte[] v : values) {
      sha.update(v);
    }
    String key = "sig:" + Base64.getEncoder().encodeToString(sha.digest());
    Instant created = ts.created();
    Instant until = created.plus(replayWindow).plus(policy.messagePolicy().maxClockSkew());
    ReplayCache.Verdict verdict = replayCache.firstSeen(key, until);
    if (!verdict.accepted()) {
      throw new ParleyFault(
          verdict == ReplayCache.Verdict.EXPIRED
              ? FaultCode.MESSAGE_EXPIRED
              : FaultCode.INVALID_SECURITY,
          "message refused by the replay cache: " + verdict + " (setting replayWindow)");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Issue, renew, cancel

  private Document issue(SoapRequest raw, Verified v) throws ParleyFault {
    SoapRequest request = reread(raw, v.message);
    RequestSecurityToken rst = readRst(request, RequestType.ISSUE);
    if (rst.tokenType().isPresent() && !rst.tokenType().get().equals(version.sctTokenType())) {
      throw new ParleyFault(
          FaultCode.TRUST_INVALID_REQUEST,
          "this endpoint issues only " + version.sctTokenType() + " (WS-SC 1.3 section 3.1)");
    }
    int bits =
        KeyComputation.keySizeBits(policy.algorithmSuite(), rst.keySizeBits(), MAX_KEY_SIZE_BITS);
    BinarySecret clientEntropy = rst.entropy().flatMap(Entropy::binarySecret).orElse(null);
    KeyComputation.IssuedKey key =
        KeyComputation.issue(version, policy.entropyMode(), clientEntropy, bits, random);
    Instant now = clock.instant();
    Instant keyExpiry = now.plus(contextLifetime);
    String id = "urn:uuid:" + UUID.randomUUID();
    X509Certificate cert = v.bootstrapCertificate;
    StoredSecurityContext ctx =
        StoredSecurityContext.builder()
            .contextId(id)
            .secret(key.key())
            .ownerKey(ownerKey(cert))
            .lifetime(now, keyExpiry.plus(renewalWindow))
            .keyLifetime(now, keyExpiry)
            .principal(principalOf(cert))
            .build();
    CreateOutcome outcome = store.create(ctx, maxContextsPerClient);
    if (!outcome.created()) {
      throw new ParleyFault(
          FaultCode.TRUST_REQUEST_FAILED,
          "no context issued: "
              + outcome
              + (outcome == CreateOutcome.OWNER_LIMIT_REACHED
                  ? " (setting maxContextsPerClient=" + maxContextsPerClient + ")"
                  : ""));
    }
    RequestSecurityTokenResponse.Builder r =
        RequestSecurityTokenResponse.newBuilder(version)
            .tokenType(version.sctTokenType())
            .requestedToken(SecurityContextToken.newBuilder(version, id).build())
            .unattachedReference(ContextTokenReference.toIdentifier(id))
            .lifetime(new Lifetime(now, keyExpiry))
            .keySizeBits(bits);
    rst.context().ifPresent(r::context);
    if (key.proofToken() != null) {
      r.proofToken(key.proofToken());
    }
    if (key.issuerEntropy() != null) {
      r.entropy(key.issuerEntropy());
    }
    return bootstrapReply(request, v, r.build(), RequestType.ISSUE);
  }

  private Document renew(SoapRequest raw, Verified v) throws ParleyFault {
    SoapRequest request = reread(raw, v.message);
    RequestSecurityToken rst = readRst(request, RequestType.RENEW);
    StoredSecurityContext c = target(rst, v);
    int bits = c.secret().lengthBytes() * 8;
    SecretBytes key = SecretBytes.random(bits / 8, random);
    Instant now = clock.instant();
    Instant keyExpiry = now.plus(contextLifetime);
    Versioned<StoredSecurityContext> current =
        store.get(c.contextId()).orElseThrow(() -> badContext(c.contextId()));
    StoredSecurityContext renewed =
        current.value().toBuilder()
            .secret(key)
            .lifetime(current.value().created(), keyExpiry.plus(renewalWindow))
            .keyLifetime(now, keyExpiry)
            .build();
    if (!store.replace(renewed, current.version()).replaced()) {
      throw new ParleyFault(
          FaultCode.SC_UNABLE_TO_RENEW, "the context changed while it was renewed; retry");
    }
    RequestSecurityTokenResponse.Builder r =
        RequestSecurityTokenResponse.newBuilder(version)
            .tokenType(version.sctTokenType())
            .requestedToken(SecurityContextToken.newBuilder(version, c.contextId()).build())
            .unattachedReference(ContextTokenReference.toIdentifier(c.contextId()))
            .lifetime(new Lifetime(now, keyExpiry))
            .keySizeBits(bits)
            .proofToken(
                ProofToken.binarySecret(BinarySecret.of(BinarySecret.Type.SYMMETRIC_KEY, key)));
    rst.context().ifPresent(r::context);
    if (v.context != null) {
      // Signed with the old key: answer under it (the client does not know the new one yet).
      return protect(
          messageOutbound,
          request.reply(version.actionRenewResponse(), trust.writeResponse(newDoc(), r.build())),
          OutboundCredentials.securityContext(c.contextId(), c.secret())
              .referencedByIdentifier()
              .inNamespace(version.scNamespace()),
          v.message);
    }
    return bootstrapReply(request, v, r.build(), RequestType.RENEW);
  }

  private Document cancel(SoapRequest raw, Verified v) throws ParleyFault {
    SoapRequest request = reread(raw, v.message);
    RequestSecurityToken rst = readRst(request, RequestType.CANCEL);
    StoredSecurityContext c = target(rst, v);
    // WS-SC 1.3 section 6: after cancellation the context must not be used again.
    store.remove(c.contextId());
    RequestSecurityTokenResponse.Builder r =
        RequestSecurityTokenResponse.newBuilder(version).tokenCancelled();
    rst.context().ifPresent(r::context);
    if (v.context != null) {
      return protect(
          cancelOutbound,
          request.reply(version.actionCancelResponse(), trust.writeResponse(newDoc(), r.build())),
          OutboundCredentials.securityContext(c.contextId(), c.secret())
              .referencedByIdentifier()
              .inNamespace(version.scNamespace()),
          v.message);
    }
    return bootstrapReply(request, v, r.build(), RequestType.CANCEL);
  }

  /**
   * The context a Renew or Cancel targets, which the requester must own: either the message was
   * signed with a key of that very context, or the bootstrap certificate is the one that
   * established it. Anything else is refused and the context is left as it is.
   */
  private StoredSecurityContext target(RequestSecurityToken rst, Verified v) throws ParleyFault {
    ContextTokenReference ref =
        rst.target()
            .orElseThrow(
                () ->
                    new ParleyFault(
                        FaultCode.TRUST_INVALID_REQUEST,
                        "Renew/Cancel without RenewTarget/CancelTarget (WS-Trust 1.3 sections 7,"
                            + " 8)"));
    String id = targetIdentifier(ref, v.message);
    StoredSecurityContext c = known(id);
    if (v.context != null) {
      if (!v.context.contextId().equals(id)) {
        throw new ParleyFault(
            FaultCode.FAILED_AUTHENTICATION,
            "the request is signed with another context than the one it targets");
      }
      return c;
    }
    if (!c.ownerKey().equals(ownerKey(v.bootstrapCertificate))) {
      throw new ParleyFault(
          FaultCode.FAILED_AUTHENTICATION,
          "the context was established by another identity; only its owner may renew or cancel"
              + " it");
    }
    return c;
  }

  /** The Identifier a target names: directly, inline, or through a local id in the header. */
  private static String targetIdentifier(ContextTokenReference ref, VerifiedMessage m)
      throws ParleyFault {
    Optional<String> direct = ref.contextIdentifier();
    if (direct.isPresent()) {
      return direct.get();
    }
    if (ref.kind() == ContextTokenReference.Kind.LOCAL_ID && ref.value().isPresent()) {
      String wanted = ref.value().get();
      for (String ns : List.of(Ns.WSC13, Ns.WSC200502)) {
        var list = m.document().getElementsByTagNameNS(ns, "SecurityContextToken");
        for (int i = 0; i < list.getLength(); i++) {
          Element sct = (Element) list.item(i);
          if (wanted.equals(sct.getAttributeNS(Ns.WSU, "Id"))) {
            var ids = sct.getElementsByTagNameNS(ns, "Identifier");
            if (ids.getLength() == 1) {
              return ids.item(0).getTextContent().strip();
            }
          }
        }
      }
    }
    throw new ParleyFault(
        FaultCode.SC_BAD_CONTEXT_TOKEN, "the target does not name a security context");
  }

  private RequestSecurityToken readRst(SoapRequest request, RequestType expected)
      throws ParleyFault {
    RequestSecurityToken rst = trust.readRequest(request.requirePayload());
    if (rst.version() != version) {
      throw new ParleyFault(
          FaultCode.TRUST_INVALID_REQUEST,
          "a " + rst.version() + " request at a " + version + " endpoint");
    }
    if (rst.requestType() != expected) {
      throw new ParleyFault(
          FaultCode.TRUST_INVALID_REQUEST,
          "wst:RequestType " + rst.requestType() + " under the " + expected + " action");
    }
    return rst;
  }

  private Document bootstrapReply(
      SoapRequest request, Verified v, RequestSecurityTokenResponse rstr, RequestType type)
      throws ParleyFault {
    Document reply =
        request.reply(version.responseAction(type), trust.writeResponse(newDoc(), rstr));
    OutboundCredentials creds =
        policy.bootstrap().kind() == BootstrapPolicy.Kind.ASYMMETRIC_X509
            ? OutboundCredentials.x509(serviceKey, serviceCertificate, v.bootstrapCertificate)
            : OutboundCredentials.replyTo(v.message);
    return protect(bootstrapOutbound, reply, creds.inNamespace(version.scNamespace()), v.message);
  }

  /**
   * Protects {@code reply} and hands back the exact protected envelope as a document (the endpoint
   * writes it with {@link XmlWriter}, which does not change signed content).
   */
  private static Document protect(
      OutboundProtector protector,
      Document reply,
      OutboundCredentials creds,
      VerifiedMessage request)
      throws ParleyFault {
    // WSS 1.1 section 8.5: confirm the request's signatures when the policy asks for it.
    byte[] bytes = protector.protect(reply, creds, request.signatureValues()).bytes();
    return XML.parse(bytes);
  }

  // ---------------------------------------------------------------------------------------------
  // Contexts

  /** The secret of a context whose key is in force now (the resolver the engine calls). */
  private Optional<SecretBytes> liveSecret(String id) {
    Optional<Versioned<StoredSecurityContext>> c = store.get(id);
    if (c.isEmpty()) {
      return Optional.empty();
    }
    StoredSecurityContext s = c.get().value();
    Instant now = clock.instant();
    if (s.isExpiredAt(now)) {
      return Optional.empty();
    }
    // A renewal-due context still verifies so that its Renew and Cancel can be checked; live()
    // refuses application messages under it.
    return Optional.of(s.secret());
  }

  /** A known, unexpired context (its key may be due for renewal). */
  private StoredSecurityContext known(String id) throws ParleyFault {
    StoredSecurityContext c = store.get(id).map(Versioned::value).orElseThrow(() -> badContext(id));
    if (c.isExpiredAt(clock.instant())) {
      throw badContext(id);
    }
    return c;
  }

  /** A context whose key is in force: application messages need one. */
  private StoredSecurityContext live(String id) throws ParleyFault {
    StoredSecurityContext c = known(id);
    if (!clock.instant().isBefore(c.keyExpiry())) {
      // WS-SC 1.3 section 8: the key has expired, the context may still be renewed.
      throw new ParleyFault(
          FaultCode.SC_RENEW_NEEDED, "the key of context " + id + " has expired; renew it");
    }
    return c;
  }

  private static ParleyFault badContext(String id) {
    // WS-SC 1.3 section 8: wsc:BadContextToken for an unknown or expired context.
    return new ParleyFault(
        FaultCode.SC_BAD_CONTEXT_TOKEN, "security context " + id + " is unknown or expired");
  }

  private static String ownerKey(X509Certificate cert) throws ParleyFault {
    try {
      return "x509-sha256:" + HexFormat.of().formatHex(sha256().digest(cert.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new ParleyFault(FaultCode.INVALID_SECURITY_TOKEN, "certificate cannot be encoded");
    }
  }

  private static ClaimsPrincipal principalOf(X509Certificate cert) throws ParleyFault {
    ClaimsIdentity id =
        ClaimsIdentity.builder()
            .authenticationType("X509")
            .addClaim(ClaimTypes.NAME, cert.getSubjectX500Principal().getName())
            .addClaim(ClaimTypes.NAME_IDENTIFIER, ownerKey(cert))
            .build();
    return ClaimsPrincipal.of(id);
  }

  private boolean isOtherTrustAction(String action) {
    for (TrustVersion t : TrustVersion.values()) {
      if (action.startsWith(t.trustNamespace())) {
        return true;
      }
    }
    return false;
  }

  private static SoapRequest reread(SoapRequest raw, VerifiedMessage m) throws ParleyFault {
    return SoapRequest.of(raw.version(), m.document(), raw.action(), raw.endpointAddress());
  }

  private static Document newDoc() {
    return HardenedXml.newEmptyDocument();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] withPolicy(byte[] template, ConversationPolicy policy) {
    Document d;
    try {
      d = XML.parse(template.clone());
    } catch (ParleyFault e) {
      throw new IllegalArgumentException("the WSDL template is not acceptable XML", e);
    }
    PolicyWriter.attach(d.getDocumentElement(), EndpointPolicy.of(policy), "Parley");
    return XmlWriter.toBytes(d);
  }

  /** Builder; {@link #build} needs a policy, the service key pair and the client trust. */
  public static final class Builder {
    private ConversationPolicy policy;
    private PrivateKey serviceKey;
    private X509Certificate serviceCertificate;
    private CertificateTrust clientTrust;
    private SecurityContextStore store;
    private ReplayCache replayCache;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private Duration contextLifetime = DEFAULT_CONTEXT_LIFETIME;
    private Duration renewalWindow = DEFAULT_RENEWAL_WINDOW;
    private Duration replayWindow = DEFAULT_REPLAY_WINDOW;
    private int maxContextsPerClient = DEFAULT_MAX_CONTEXTS_PER_CLIENT;
    private final Map<String, Op> operations = new HashMap<>();
    private byte[] wsdlTemplate;
    private long maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;

    private Builder() {}

    /**
     * Setting {@code maxMessageBytes}: the largest request accepted, checked before parsing (WCF's
     * maxReceivedMessageSize is 64 KiB; secure conversation messages fit well under the default).
     */
    public Builder maxMessageBytes(long max) {
      if (max < 1024 || max > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "maxMessageBytes must be in 1024.." + (Integer.MAX_VALUE - 8) + ", was " + max);
      }
      this.maxMessageBytes = max;
      return this;
    }

    public Builder policy(ConversationPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The service's key pair: decrypts bootstrap keys, signs asymmetric bootstrap replies. */
    public Builder serviceKey(PrivateKey key, X509Certificate certificate) {
      this.serviceKey = Objects.requireNonNull(key, "key");
      this.serviceCertificate = Objects.requireNonNull(certificate, "certificate");
      return this;
    }

    /** Which client certificates may establish a context. */
    public Builder clientTrust(CertificateTrust trust) {
      this.clientTrust = Objects.requireNonNull(trust, "trust");
      return this;
    }

    /** Where contexts live; default an {@link InMemorySecurityContextStore}. */
    public Builder store(SecurityContextStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Where seen signatures are remembered; default an {@link InMemoryReplayCache}. */
    public Builder replayCache(ReplayCache cache) {
      this.replayCache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Setting {@code contextLifetime}: how long an issued or renewed key is in force. */
    public Builder contextLifetime(Duration lifetime) {
      this.contextLifetime = positive(lifetime, "contextLifetime");
      return this;
    }

    /** Setting {@code renewalWindow}: how long after its key expired a context may be renewed. */
    public Builder renewalWindow(Duration window) {
      this.renewalWindow = positive(window, "renewalWindow");
      return this;
    }

    /** Setting {@code replayWindow}: how long a signature is remembered after its timestamp. */
    public Builder replayWindow(Duration window) {
      this.replayWindow = positive(window, "replayWindow");
      return this;
    }

    /** Setting {@code maxContextsPerClient}: live contexts one client certificate may hold. */
    public Builder maxContextsPerClient(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxContextsPerClient must be at least 1, was " + max);
      }
      this.maxContextsPerClient = max;
      return this;
    }

    /**
     * Declares an operation: application messages with {@code action} go to {@code handler}; the
     * reply carries {@code replyAction}.
     */
    public Builder operation(String action, String replyAction, ConversationOperation handler) {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(replyAction, "replyAction");
      Objects.requireNonNull(handler, "handler");
      for (TrustVersion t : TrustVersion.values()) {
        if (action.startsWith(t.trustNamespace())) {
          throw new IllegalArgumentException("a WS-Trust action cannot be an operation: " + action);
        }
      }
      operations.put(action, new Op(replyAction, handler));
      return this;
    }

    /** The WSDL (without WS-Policy) served on {@code ?wsdl}; the policy is attached to it. */
    public Builder wsdlTemplate(byte[] wsdl) {
      this.wsdlTemplate = Objects.requireNonNull(wsdl, "wsdl").clone();
      return this;
    }

    public SecureConversationService build() {
      if (policy == null || serviceKey == null || clientTrust == null) {
        throw new IllegalStateException(
            "a secure conversation service needs policy(), serviceKey() and clientTrust()");
      }
      if (operations.isEmpty()) {
        throw new IllegalStateException("declare at least one operation()");
      }
      return new SecureConversationService(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
