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
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import javax.xml.namespace.QName;
import org.parley.conversation.policy.BootstrapPolicy;
import org.parley.conversation.policy.ConversationPolicy;
import org.parley.conversation.policy.EndpointPolicy;
import org.parley.conversation.policy.PolicyWriter;
import org.parley.conversation.sct.ContextCookieSealer;
import org.parley.conversation.sct.SctCodec;
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
import org.parley.conversation.trust.TrustLimits;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.SecretBytes;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.core.keys.KeyRing;
import org.parley.core.store.CreateOutcome;
import org.parley.core.store.ReplayCache;
import org.parley.core.store.RevocationList;
import org.parley.core.store.SecurityContextStore;
import org.parley.core.store.StoreUnavailableException;
import org.parley.core.store.StoredSecurityContext;
import org.parley.core.store.Versioned;
import org.parley.core.store.memory.InMemoryReplayCache;
import org.parley.core.store.memory.InMemoryRevocationList;
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
import org.parley.wire.xml.Dom;
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

  /**
   * Default of the setting {@code keyRolloverInterval}: how long the previous key of a renewed
   * context stays accepted (WCF's SessionKeyRolloverInterval, 5 minutes).
   */
  public static final Duration DEFAULT_KEY_ROLLOVER_INTERVAL = Duration.ofMinutes(5);

  /**
   * Default of the setting {@code maxPendingSessions}: issued session-mode contexts not yet used by
   * an application message (WCF's MaxPendingSessions, 128).
   */
  public static final int DEFAULT_MAX_PENDING_SESSIONS = 128;

  /**
   * Default of the setting {@code inactivityTimeout}: a session-mode context unused for this long
   * is dropped (WCF's SecuritySessionServerSettings InactivityTimeout, 2 minutes).
   */
  public static final Duration DEFAULT_INACTIVITY_TIMEOUT = Duration.ofMinutes(2);

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
  private final ContextMode mode;
  private final ContextCookieSealer sealer;
  private final RevocationList revocations;
  private final Duration keyRolloverInterval;
  private final int maxPendingSessions;
  private final Duration inactivityTimeout;
  private final SessionActivity activity;
  private final TrustLimits trustLimits;

  private record Op(String replyAction, ConversationOperation handler) {}

  private final SoapHandler messageHandler;

  /**
   * The context that verified each request handed to {@link #messageHandler}, for as long as the
   * wrapper holds the request (weak keys: a request it drops takes its entry with it).
   */
  private final Map<SoapRequest, StoredSecurityContext> wrappedContexts =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final Set<QName> understoodHeaders;

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
    this.mode = b.mode;
    this.trustLimits = TrustLimits.newBuilder().maxCookieBytes(b.maxCookieBytes).build();
    this.sealer =
        b.keyRing == null ? null : ContextCookieSealer.create(b.keyRing, b.maxCookieBytes);
    this.revocations =
        b.revocations != null
            ? b.revocations
            : InMemoryRevocationList.builder().clock(b.clock).build();
    this.keyRolloverInterval = b.keyRolloverInterval;
    this.maxPendingSessions = b.maxPendingSessions;
    this.inactivityTimeout = b.inactivityTimeout;
    this.activity =
        new SessionActivity(
            b.inactivityTimeout,
            b.maxPendingSessions,
            // A store passed in may be shared by a farm: one node's view of idleness must not
            // remove a context other nodes serve.
            b.store == null ? this.store::remove : null);
    PrivateKeyResolver keys = PrivateKeyResolver.of(serviceCertificate, serviceKey);
    // Every message gets its own resolver (InboundContext) that remembers the context it opened.
    SecurityContextResolver contexts = SecurityContextResolver.none();
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
    this.understoodHeaders = Set.copyOf(b.understoodHeaders);
    this.messageHandler = b.messageWrapper == null ? null : b.messageWrapper.apply(dispatcher());
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  public ConversationPolicy policy() {
    return policy;
  }

  /** Where contexts live: {@link ContextMode#SESSION} (default) or {@link ContextMode#COOKIE}. */
  public ContextMode contextMode() {
    return mode;
  }

  /** Issued session-mode contexts not yet used by an application message (quota state). */
  public int pendingSessions() {
    return activity.pendingCount();
  }

  /** The cancelled and superseded cookie-mode contexts (for inspection and tests). */
  public RevocationList revocations() {
    return revocations;
  }

  /** The context store (for inspection and tests: what is live). */
  public SecurityContextStore store() {
    return store;
  }

  /**
   * The declared operations as a handler of verified, context-protected requests: the operation for
   * the request's action runs with the principal of the context that protected the request, and its
   * payload is answered with the operation's reply action. For a {@link Builder#wrapMessages}
   * wrapper (the WS-RM destination) to deliver to.
   */
  private SoapHandler dispatcher() {
    return request -> {
      Op op = operations.get(request.action());
      if (op == null) {
        throw new ParleyFault(FaultCode.SOAP_SENDER, "no operation for action " + request.action());
      }
      VerifiedToken root =
          request
              .verified()
              .flatMap(VerifiedMessage::primarySigningToken)
              .map(VerifiedToken::root)
              .orElseThrow(
                  () ->
                      new ParleyFault(
                          FaultCode.SC_BAD_CONTEXT_TOKEN, "the request is not context-protected"));
      String id =
          root.contextIdentifier()
              .orElseThrow(
                  () ->
                      new ParleyFault(
                          FaultCode.SC_BAD_CONTEXT_TOKEN,
                          "the request is not signed with a context key"));
      // The context that verified this very request (a cookie-mode one is in no store); a request
      // the wrapper rebuilt is looked up by its context identifier.
      StoredSecurityContext verifiedBy = wrappedContexts.get(request);
      StoredSecurityContext c = live(verifiedBy != null ? verifiedBy : store(id));
      Element response = op.handler.handle(request.requirePayload(), c.principal().get());
      return request.reply(op.replyAction, response);
    };
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
            .understands(new QName(Ns.WSSE, "Security"))
            .understands(understoodHeaders.toArray(new QName[0]));
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
    if (messageHandler != null) {
      // Every context-protected message goes through the wrapping handler (WS-RM, for one), which
      // sees the verified request and may call the operations through dispatcher().
      Verified v = verifyContext(doc);
      touch(v);
      SoapRequest request =
          SoapRequest.verified(raw.version(), v.message, action, raw.endpointAddress());
      // The wrapper may hold the request (WS-RM's out-of-order buffer) and deliver it later.
      wrappedContexts.put(request, v.context);
      Document reply = messageHandler.handle(request);
      if (reply == null) {
        return null;
      }
      return protect(messageOutbound, reply, replyCredentials(v.key), v.message);
    }
    Op op = operations.get(action);
    if (op == null) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "no operation for action " + action);
    }
    Verified v = verifyContext(doc);
    touch(v);
    SoapRequest request = reread(raw, v.message);
    Element response = op.handler.handle(request.requirePayload(), v.context.principal().get());
    Document reply = request.reply(op.replyAction, response);
    return protect(messageOutbound, reply, replyCredentials(v.key), v.message);
  }

  /** Records activity on a session-mode context, refusing one dropped for inactivity. */
  private void touch(Verified v) throws ParleyFault {
    if (mode == ContextMode.SESSION && !activity.touch(v.context.contextId(), clock.instant())) {
      throw new ParleyFault(
          FaultCode.SC_BAD_CONTEXT_TOKEN,
          "security context "
              + v.context.contextId()
              + " was dropped after inactivityTimeout ("
              + inactivityTimeout
              + ") without a message");
    }
  }

  /** A reply keyed by the very key (context and instance) that keyed the request. */
  private OutboundCredentials replyCredentials(Resolved key) {
    OutboundCredentials c =
        OutboundCredentials.securityContext(key.context.contextId(), key.secret)
            .referencedByIdentifier()
            .inNamespace(version.scNamespace());
    return key.instance == null ? c : c.instance(key.instance);
  }

  /**
   * A verified request and, for context-protected ones, the live context that keyed it and the
   * exact key (current or, within keyRolloverInterval, the previous one).
   */
  private record Verified(
      VerifiedMessage message,
      StoredSecurityContext context,
      Resolved key,
      X509Certificate bootstrapCertificate) {}

  /** One key of a context as the resolver found it for a message. */
  private record Resolved(StoredSecurityContext context, SecretBytes secret, String instance) {}

  /**
   * The resolver of one message: finds a context's key in the store (session mode) or opens the
   * cookie of the SCT carried in the header (cookie mode), refusing expired, cancelled and
   * superseded keys, and remembers what it resolved so the service can use the same context.
   */
  private final class MessageContexts implements SecurityContextResolver {
    private final Map<String, Resolved> resolved = new HashMap<>();
    private boolean conflicting;

    @Override
    public Optional<SecretBytes> secretFor(String identifier) {
      return secretFor(identifier, null, null);
    }

    @Override
    public Optional<SecretBytes> secretFor(String identifier, String instance) {
      return secretFor(identifier, instance, null);
    }

    @Override
    public Optional<SecretBytes> secretFor(String identifier, String instance, Element carried) {
      Optional<Resolved> r =
          mode == ContextMode.COOKIE
              ? cookieKey(identifier, carried)
              : sessionKey(identifier, instance);
      if (r.isEmpty()) {
        return Optional.empty();
      }
      Resolved prior = resolved.putIfAbsent(identifier, r.get());
      if (prior != null && !prior.secret.equalsConstantTime(r.get().secret)) {
        // Two different keys under one Identifier in one message: refuse the ambiguity.
        conflicting = true;
        return Optional.empty();
      }
      return Optional.of(r.get().secret);
    }

    private Optional<Resolved> cookieKey(String identifier, Element carried) {
      if (carried == null) {
        // Referenced by Identifier: only a cookie already opened in this message can be meant.
        return Optional.ofNullable(resolved.get(identifier));
      }
      try {
        SecurityContextToken t = SctCodec.read(carried, trustLimits);
        if (!t.isCookie() || !t.identifier().equals(identifier)) {
          return Optional.empty();
        }
        StoredSecurityContext c = openCookie(t);
        return Optional.of(new Resolved(c, c.secret(), c.instance().orElse(null)));
      } catch (ParleyFault e) {
        return Optional.empty();
      }
    }

    Optional<Resolved> get(String identifier) {
      return conflicting ? Optional.empty() : Optional.ofNullable(resolved.get(identifier));
    }
  }

  /**
   * Session mode: the current key when {@code instance} names the current instance, or the previous
   * key while its rollover entry lives (WS-SC 1.3 section 5, WCF's key rollover).
   */
  private Optional<Resolved> sessionKey(String identifier, String instance) {
    Optional<Versioned<StoredSecurityContext>> found = store.get(identifier);
    if (found.isEmpty() || isRolloverEntry(found.get().value())) {
      return Optional.empty();
    }
    StoredSecurityContext c = found.get().value();
    if (c.isExpiredAt(clock.instant())) {
      return Optional.empty();
    }
    if (Objects.equals(instance, c.instance().orElse(null))) {
      return Optional.of(new Resolved(c, c.secret(), instance));
    }
    // The store forgets a rollover entry when keyRolloverInterval is over.
    return store
        .get(rolloverId(identifier, instance))
        .map(Versioned::value)
        .filter(SecureConversationService::isRolloverEntry)
        .map(prev -> new Resolved(c, prev.secret(), instance));
  }

  private static final String ROLLOVER_OWNER_PREFIX = "rollover:";

  private static String rolloverId(String identifier, String instance) {
    return identifier + "#previous-key:" + (instance == null ? "" : instance);
  }

  private static boolean isRolloverEntry(StoredSecurityContext c) {
    return c.ownerKey().startsWith(ROLLOVER_OWNER_PREFIX);
  }

  /**
   * Cookie mode: opens the sealed context and refuses it when expired, cancelled, or superseded by
   * a renewal for longer than keyRolloverInterval. Always {@link FaultCode#SC_BAD_CONTEXT_TOKEN}.
   */
  private StoredSecurityContext openCookie(SecurityContextToken t) throws ParleyFault {
    StoredSecurityContext c = sealer.open(t);
    Instant now = clock.instant();
    if (c.isExpiredAt(now)) {
      throw badContext(c.contextId());
    }
    for (String key : List.of(cancelKey(c.contextId()), supersededKey(c))) {
      Optional<Instant> from = revocations.revokedFrom(key);
      if (from.isPresent() && !now.isBefore(from.get())) {
        // WS-SC 1.3 sections 5 and 6: a cancelled context, or a renewed one's old key, is unusable.
        throw badContext(c.contextId());
      }
    }
    return c;
  }

  private static String cancelKey(String contextId) {
    return "sct-cancelled|" + contextId;
  }

  private static String supersededKey(StoredSecurityContext c) {
    return "sct-superseded|" + c.contextId() + "|" + c.instance().orElse("");
  }

  private Verified verifyBootstrap(Document doc) throws ParleyFault {
    VerifiedMessage m = bootstrapInbound.process(doc, InboundContext.none());
    X509Certificate cert = bootstrapIdentity(m);
    checkReplay(m);
    return new Verified(m, null, null, cert);
  }

  private Verified verifyContext(Document doc) throws ParleyFault {
    VerifiedMessage m;
    MessageContexts contexts = new MessageContexts();
    try {
      m = messageInbound.process(doc, InboundContext.none().withSecurityContexts(contexts));
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
    Resolved key =
        contexts
            .get(root.contextIdentifier().get())
            .orElseThrow(() -> badContext(root.contextIdentifier().get()));
    StoredSecurityContext c = live(key.context);
    checkReplay(m);
    return new Verified(m, c, key, null);
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
        MessageContexts contexts = new MessageContexts();
        VerifiedMessage m =
            messageInbound.process(copy, InboundContext.none().withSecurityContexts(contexts));
        VerifiedToken root = m.primarySigningToken().map(VerifiedToken::root).orElse(null);
        if (root != null
            && root.kind() == VerifiedToken.Kind.SECURITY_CONTEXT
            && root.contextIdentifier().isPresent()) {
          Resolved key =
              contexts
                  .get(root.contextIdentifier().get())
                  .orElseThrow(() -> badContext(root.contextIdentifier().get()));
          StoredSecurityContext c = known(key.context);
          checkReplay(m);
          return new Verified(m, c, key, null);
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
        Element sct = (Element) scts.item(i);
        var ids = sct.getElementsByTagNameNS(ns, "Identifier");
        if (ids.getLength() != 1) {
          continue;
        }
        String id = ids.item(0).getTextContent().strip();
        if (mode == ContextMode.COOKIE
            ? new MessageContexts().secretFor(id, null, sct).isEmpty()
            : sessionKey(id, instanceOf(sct)).isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  private static String instanceOf(Element sct) {
    Element inst = Dom.child(sct, sct.getNamespaceURI(), "Instance");
    return inst == null ? null : inst.getTextContent().strip();
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
    SecurityContextToken token;
    if (mode == ContextMode.COOKIE) {
      // Cookie mode: the context travels sealed in the token; nothing is stored here.
      token = sealer.token(version, null, ctx);
    } else {
      storePending(ctx);
      token = SecurityContextToken.newBuilder(version, id).build();
    }
    RequestSecurityTokenResponse.Builder r =
        RequestSecurityTokenResponse.newBuilder(version)
            .tokenType(version.sctTokenType())
            .requestedToken(token)
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

  /** Stores a new session-mode context within maxPendingSessions and maxContextsPerClient. */
  private void storePending(StoredSecurityContext ctx) throws ParleyFault {
    CreateOutcome[] outcome = {null};
    boolean admitted =
        activity.issuePending(
            clock.instant(),
            () -> {
              outcome[0] = store.create(ctx, maxContextsPerClient);
              return outcome[0].created() ? ctx.contextId() : null;
            });
    if (!admitted) {
      // WS-Trust 1.3 section 11: wst:RequestFailed; WCF refuses with a quota error likewise.
      throw new ParleyFault(
          FaultCode.TRUST_REQUEST_FAILED,
          "no context issued: "
              + maxPendingSessions
              + " issued contexts are still unused (setting maxPendingSessions="
              + maxPendingSessions
              + ")");
    }
    if (!outcome[0].created()) {
      throw new ParleyFault(
          FaultCode.TRUST_REQUEST_FAILED,
          "no context issued: "
              + outcome[0]
              + (outcome[0] == CreateOutcome.OWNER_LIMIT_REACHED
                  ? " (setting maxContextsPerClient=" + maxContextsPerClient + ")"
                  : ""));
    }
  }

  private Document renew(SoapRequest raw, Verified v) throws ParleyFault {
    SoapRequest request = reread(raw, v.message);
    RequestSecurityToken rst = readRst(request, RequestType.RENEW);
    StoredSecurityContext c = target(rst, v);
    int bits = c.secret().lengthBytes() * 8;
    SecretBytes key = SecretBytes.random(bits / 8, random);
    Instant now = clock.instant();
    Instant keyExpiry = now.plus(contextLifetime);
    // WS-SC 1.3 section 5: the renewed token keeps its Identifier and gets a new Instance.
    String instance = "urn:uuid:" + UUID.randomUUID();
    SecurityContextToken token;
    if (mode == ContextMode.COOKIE) {
      StoredSecurityContext renewed =
          c.toBuilder()
              .instance(instance)
              .secret(key)
              .lifetime(c.created(), keyExpiry.plus(renewalWindow))
              .keyLifetime(now, keyExpiry)
              .build();
      // The old cookie stays valid for keyRolloverInterval, then is refused until it expires.
      RevocationList.Outcome o =
          revocations.revoke(supersededKey(c), now.plus(keyRolloverInterval), c.expires());
      if (o == RevocationList.Outcome.FULL) {
        throw new ParleyFault(
            FaultCode.SC_UNABLE_TO_RENEW,
            "the revocation list is full; the context was not renewed");
      }
      token = sealer.token(version, null, renewed);
    } else {
      Versioned<StoredSecurityContext> current =
          store.get(c.contextId()).orElseThrow(() -> badContext(c.contextId()));
      StoredSecurityContext old = current.value();
      StoredSecurityContext renewed =
          old.toBuilder()
              .instance(instance)
              .secret(key)
              .lifetime(old.created(), keyExpiry.plus(renewalWindow))
              .keyLifetime(now, keyExpiry)
              .build();
      // The previous key stays accepted for keyRolloverInterval (WCF's key rollover), kept as
      // its own entry that the store forgets when the interval is over.
      StoredSecurityContext previous =
          StoredSecurityContext.builder()
              .contextId(rolloverId(old.contextId(), old.instance().orElse(null)))
              .secret(old.secret())
              .ownerKey(ROLLOVER_OWNER_PREFIX + old.ownerKey())
              .lifetime(now, now.plus(keyRolloverInterval))
              .build();
      store.remove(previous.contextId());
      store.create(previous, Integer.MAX_VALUE);
      if (!store.replace(renewed, current.version()).replaced()) {
        store.remove(previous.contextId());
        throw new ParleyFault(
            FaultCode.SC_UNABLE_TO_RENEW, "the context changed while it was renewed; retry");
      }
      token = SecurityContextToken.newBuilder(version, c.contextId()).instance(instance).build();
    }
    RequestSecurityTokenResponse.Builder r =
        RequestSecurityTokenResponse.newBuilder(version)
            .tokenType(version.sctTokenType())
            .requestedToken(token)
            .unattachedReference(ContextTokenReference.toInstance(c.contextId(), instance))
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
          replyCredentials(v.key),
          v.message);
    }
    return bootstrapReply(request, v, r.build(), RequestType.RENEW);
  }

  private Document cancel(SoapRequest raw, Verified v) throws ParleyFault {
    SoapRequest request = reread(raw, v.message);
    RequestSecurityToken rst = readRst(request, RequestType.CANCEL);
    StoredSecurityContext c = target(rst, v);
    // WS-SC 1.3 section 6: after cancellation the context must not be used again.
    if (mode == ContextMode.COOKIE) {
      // Nothing is stored to remove: the id is refused until the cookie would expire anyway.
      RevocationList.Outcome o =
          revocations.revoke(cancelKey(c.contextId()), clock.instant(), c.expires());
      if (o == RevocationList.Outcome.FULL) {
        throw new ParleyFault(
            FaultCode.TRUST_REQUEST_FAILED,
            "the revocation list is full; the context was not cancelled");
      }
    } else {
      store.remove(c.contextId());
      store.remove(rolloverId(c.contextId(), null));
      activity.forget(c.contextId());
    }
    RequestSecurityTokenResponse.Builder r =
        RequestSecurityTokenResponse.newBuilder(version).tokenCancelled();
    rst.context().ifPresent(r::context);
    if (v.context != null) {
      return protect(
          cancelOutbound,
          request.reply(version.actionCancelResponse(), trust.writeResponse(newDoc(), r.build())),
          replyCredentials(v.key),
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
    if (v.context != null) {
      if (!v.context.contextId().equals(id)) {
        throw new ParleyFault(
            FaultCode.FAILED_AUTHENTICATION,
            "the request is signed with another context than the one it targets");
      }
      return mode == ContextMode.COOKIE ? v.context : known(store(id));
    }
    StoredSecurityContext c =
        mode == ContextMode.COOKIE
            ? known(openCookie(targetToken(ref, v.message)))
            : known(store(id));
    if (!c.ownerKey().equals(ownerKey(v.bootstrapCertificate))) {
      throw new ParleyFault(
          FaultCode.FAILED_AUTHENTICATION,
          "the context was established by another identity; only its owner may renew or cancel"
              + " it");
    }
    return c;
  }

  /** Cookie mode, bootstrap form: the target must carry the cookie (inline or in the header). */
  private SecurityContextToken targetToken(ContextTokenReference ref, VerifiedMessage m)
      throws ParleyFault {
    if (ref.kind() == ContextTokenReference.Kind.INLINE && ref.token().isPresent()) {
      return ref.token().get();
    }
    if (ref.kind() == ContextTokenReference.Kind.LOCAL_ID && ref.value().isPresent()) {
      Element sct = headerSct(ref.value().get(), m);
      if (sct != null) {
        return SctCodec.read(sct, trustLimits);
      }
    }
    throw new ParleyFault(
        FaultCode.SC_BAD_CONTEXT_TOKEN,
        "in cookie mode the target must be the security context token with its cookie");
  }

  private static Element headerSct(String wsuId, VerifiedMessage m) {
    for (String ns : List.of(Ns.WSC13, Ns.WSC200502)) {
      var list = m.document().getElementsByTagNameNS(ns, "SecurityContextToken");
      for (int i = 0; i < list.getLength(); i++) {
        Element sct = (Element) list.item(i);
        if (wsuId.equals(sct.getAttributeNS(Ns.WSU, "Id"))) {
          return sct;
        }
      }
    }
    return null;
  }

  /** The Identifier a target names: directly, inline, or through a local id in the header. */
  private static String targetIdentifier(ContextTokenReference ref, VerifiedMessage m)
      throws ParleyFault {
    Optional<String> direct = ref.contextIdentifier();
    if (direct.isPresent()) {
      return direct.get();
    }
    if (ref.kind() == ContextTokenReference.Kind.LOCAL_ID && ref.value().isPresent()) {
      Element sct = headerSct(ref.value().get(), m);
      if (sct != null) {
        var ids = sct.getElementsByTagNameNS(sct.getNamespaceURI(), "Identifier");
        if (ids.getLength() == 1) {
          return ids.item(0).getTextContent().strip();
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

  /** The stored session-mode context {@code id} (never a rollover entry). */
  private StoredSecurityContext store(String id) throws ParleyFault {
    StoredSecurityContext c = store.get(id).map(Versioned::value).orElseThrow(() -> badContext(id));
    if (isRolloverEntry(c)) {
      throw badContext(id);
    }
    return c;
  }

  /** {@code c} unless it has expired (its key may be due for renewal). */
  private StoredSecurityContext known(StoredSecurityContext c) throws ParleyFault {
    if (c.isExpiredAt(clock.instant())) {
      throw badContext(c.contextId());
    }
    return c;
  }

  /** A context whose key is in force: application messages need one. */
  private StoredSecurityContext live(StoredSecurityContext c) throws ParleyFault {
    known(c);
    if (!clock.instant().isBefore(c.keyExpiry())) {
      // WS-SC 1.3 section 8: the key has expired, the context may still be renewed.
      throw new ParleyFault(
          FaultCode.SC_RENEW_NEEDED,
          "the key of context " + c.contextId() + " has expired; renew it");
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
    private ContextMode mode = ContextMode.SESSION;
    private Supplier<KeyRing> keyRing;
    private int maxCookieBytes = ContextCookieSealer.DEFAULT_MAX_COOKIE_BYTES;
    private RevocationList revocations;
    private Duration keyRolloverInterval = DEFAULT_KEY_ROLLOVER_INTERVAL;
    private int maxPendingSessions = DEFAULT_MAX_PENDING_SESSIONS;
    private Duration inactivityTimeout = DEFAULT_INACTIVITY_TIMEOUT;
    private java.util.function.UnaryOperator<SoapHandler> messageWrapper;
    private final java.util.Set<QName> understoodHeaders = new java.util.HashSet<>();

    private Builder() {}

    /**
     * Where contexts live (default {@link ContextMode#SESSION}); {@link ContextMode#COOKIE} needs
     * {@link #keyRing}.
     */
    public Builder contextMode(ContextMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * The farm's key ring that seals cookie-mode contexts: every instance holding the same ring
     * accepts the others' cookies.
     */
    public Builder keyRing(KeyRing ring) {
      Objects.requireNonNull(ring, "ring");
      this.keyRing = () -> ring;
      return this;
    }

    /**
     * As {@link #keyRing(KeyRing)}, reading the current ring on every seal and open: for a farm
     * ring rotated at run time (new keys published ahead of their activation, old ones opening
     * until they expire). The supplier must be fast and never return null.
     */
    public Builder keyRing(Supplier<KeyRing> ring) {
      this.keyRing = Objects.requireNonNull(ring, "ring");
      return this;
    }

    /** Setting {@code maxCookieBytes}: the largest sealed cookie issued or accepted. */
    public Builder maxCookieBytes(int max) {
      if (max < 256 || max > 1024 * 1024) {
        throw new IllegalArgumentException(
            "maxCookieBytes must be between 256 and 1 MiB, was " + max);
      }
      this.maxCookieBytes = max;
      return this;
    }

    /**
     * Where cancelled and superseded cookie-mode contexts are remembered until their cookies
     * expire; share one among a farm. Default an {@link InMemoryRevocationList}.
     */
    public Builder revocationList(RevocationList list) {
      this.revocations = Objects.requireNonNull(list, "list");
      return this;
    }

    /**
     * Setting {@code keyRolloverInterval}: after a renewal the previous key stays accepted this
     * long, then is refused with {@code wsc:BadContextToken} (WCF's SessionKeyRolloverInterval).
     */
    public Builder keyRolloverInterval(Duration interval) {
      this.keyRolloverInterval = positive(interval, "keyRolloverInterval");
      return this;
    }

    /**
     * Setting {@code maxPendingSessions}: session-mode contexts issued but not yet used by an
     * application message; one more issue is refused with {@code wst:RequestFailed}.
     */
    public Builder maxPendingSessions(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxPendingSessions must be at least 1, was " + max);
      }
      this.maxPendingSessions = max;
      return this;
    }

    /**
     * Setting {@code inactivityTimeout}: a session-mode context without a message for this long is
     * dropped; its next message gets {@code wsc:BadContextToken}. Enforced on the service's own
     * in-memory store; with a {@link #store} passed in (possibly shared by a farm, where one node
     * cannot see another's traffic) idle contexts are only forgotten by this node's quota
     * bookkeeping and live until their lifetime ends.
     */
    public Builder inactivityTimeout(Duration timeout) {
      this.inactivityTimeout = positive(timeout, "inactivityTimeout");
      return this;
    }

    /**
     * Puts a handler around the operations: every application message verified under a live context
     * goes to {@code wrapper.apply(operations)} as a verified {@link SoapRequest} (so it can read
     * which context protected it), and whatever it answers is protected with that context; a null
     * answer is sent as HTTP 202. The WS-RM destination of parley-reliable is such a wrapper.
     *
     * @param understoodHeaders header blocks the wrapper processes (honoured when mustUnderstand)
     */
    public Builder wrapMessages(
        java.util.function.UnaryOperator<SoapHandler> wrapper, QName... understoodHeaders) {
      this.messageWrapper = Objects.requireNonNull(wrapper, "wrapper");
      for (QName q : understoodHeaders) {
        this.understoodHeaders.add(Objects.requireNonNull(q, "understoodHeader"));
      }
      return this;
    }

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

    /**
     * Setting {@code maxContextsPerClient}: live contexts one client certificate may hold (session
     * mode; a cookie-mode service keeps no count).
     */
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
      if (mode == ContextMode.COOKIE && keyRing == null) {
        throw new IllegalStateException("ContextMode.COOKIE needs keyRing()");
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
