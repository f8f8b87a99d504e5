package org.parley.reliable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.xml.namespace.QName;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.SoapHandler;
import org.parley.endpoint.SoapRequest;
import org.parley.reliable.internal.Envelopes;
import org.parley.reliable.message.AckRange;
import org.parley.reliable.message.CreateSequence;
import org.parley.reliable.message.CreateSequenceResponse;
import org.parley.reliable.message.RmCodec;
import org.parley.reliable.message.RmCompliance;
import org.parley.reliable.message.RmHeaders;
import org.parley.reliable.message.RmLimits;
import org.parley.reliable.message.RmVersion;
import org.parley.reliable.message.SequenceAcknowledgement;
import org.parley.reliable.message.SequenceControl;
import org.parley.reliable.message.SequenceHeader;
import org.parley.security.VerifiedMessage;
import org.parley.security.VerifiedToken;
import org.parley.wire.Ns;
import org.parley.wire.addressing.AddressingVersion;
import org.parley.wire.fault.SequenceFault;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.xml.HardenedXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A WS-RM destination in front of a {@link SoapHandler}: it answers CreateSequence, CloseSequence,
 * TerminateSequence and AckRequested itself and hands each sequence message to the handler exactly
 * once and in message-number order (delivery assurances ExactlyOnce and InOrder, WS-RM 1.2 section
 * 2.4). Immutable configuration, thread-safe; wrap a handler with it and host it anywhere a handler
 * goes (a plain {@code SoapEndpoint}, or inside a secure conversation).
 *
 * <p>For each sequence message:
 *
 * <ol>
 *   <li>the sequence must exist, be open, and be protected by the same security context that
 *       created it (WS-RM 1.2 section 5.2.1; none for a sequence created without one);
 *   <li>a number already delivered is a duplicate: it is answered from the bounded response cache
 *       (so request-reply works over a lossy link) and never reaches the handler again;
 *   <li>a number ahead of the next one waits, bounded by {@code maxBufferedMessagesPerSequence} and
 *       {@code maxDeliveryWait}, for its predecessors; past the wait it is answered with an
 *       acknowledgement only and the source retransmits it later;
 *   <li>the next number is delivered, its response cached, and every response carries a {@code
 *       wsrm:SequenceAcknowledgement}.
 * </ol>
 *
 * Bounds: {@code maxOpenSequences} (CreateSequenceRefused past it), {@code inactivityTimeout} (an
 * idle sequence is forgotten), {@code maxBufferedMessagesPerSequence} (a Receiver fault for that
 * message only; other sequences are not affected), {@code maxCachedResponsesPerSequence}.
 */
public final class ReliableDestination implements SoapHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ReliableDestination.class);

  /** Default of {@code maxOpenSequences}: WCF's maxPendingChannels-like 128. */
  public static final int DEFAULT_MAX_OPEN_SEQUENCES = 128;

  /** Default of {@code maxBufferedMessagesPerSequence}: WCF's MaxTransferWindowSize, 8. */
  public static final int DEFAULT_MAX_BUFFERED_MESSAGES_PER_SEQUENCE = 8;

  /** Default of {@code maxCachedResponsesPerSequence}. */
  public static final int DEFAULT_MAX_CACHED_RESPONSES_PER_SEQUENCE = 64;

  /** Default of {@code inactivityTimeout}: WCF's reliable session default, 10 minutes. */
  public static final Duration DEFAULT_INACTIVITY_TIMEOUT = Duration.ofMinutes(10);

  /** Default of {@code maxDeliveryWait}. */
  public static final Duration DEFAULT_MAX_DELIVERY_WAIT = Duration.ofSeconds(2);

  private final SoapHandler handler;
  private final Clock clock;
  private final RmCodec codec;
  private final RmCompliance compliance;
  private final int maxOpenSequences;
  private final int maxBuffered;
  private final int maxCached;
  private final Duration inactivityTimeout;
  private final Duration maxDeliveryWait;
  private final boolean requireSequence;
  private final boolean requireSignedSequenceHeader;
  private final Map<String, Sequence> sequences = new ConcurrentHashMap<>();
  private final ReentrantLock createLock = new ReentrantLock();

  private ReliableDestination(Builder b) {
    this.handler = b.handler;
    this.clock = b.clock;
    this.codec = RmCodec.create(b.limits, b.compliance);
    this.compliance = b.compliance;
    this.maxOpenSequences = b.maxOpenSequences;
    this.maxBuffered = b.maxBuffered;
    this.maxCached = b.maxCached;
    this.inactivityTimeout = b.inactivityTimeout;
    this.maxDeliveryWait = b.maxDeliveryWait;
    this.requireSequence = b.requireSequence;
    this.requireSignedSequenceHeader = b.requireSignedSequenceHeader;
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * The RM header blocks a destination processes, for {@code SoapEndpoint.Builder#understands}:
   * senders mark Sequence (WS-RM 1.2 section 3.7) and UsesSequenceSTR mustUnderstand.
   */
  public static QName[] understoodHeaders() {
    List<QName> out = new ArrayList<>();
    for (RmVersion v : RmVersion.values()) {
      for (String h :
          List.of("Sequence", "AckRequested", "SequenceAcknowledgement", "UsesSequenceSTR")) {
        out.add(new QName(v.namespace(), h));
      }
    }
    return out.toArray(new QName[0]);
  }

  /** Number of sequences held now (open, closed, not yet terminated or expired). */
  public int openSequences() {
    return sequences.size();
  }

  @Override
  public Document handle(SoapRequest request) throws ParleyFault {
    RmHeaders headers = codec.readHeaders(request.envelope());
    String action = request.action();
    RmVersion protocol = protocolVersion(action);
    if (protocol != null) {
      return control(request, protocol, action, headers);
    }
    SequenceHeader seq = headers.sequence();
    if (seq == null) {
      if (requireSequence) {
        // WS-RM 1.2 section 4.7: this endpoint requires WS-RM.
        throw new SequenceFault(
            FaultCode.RM_WSRM_REQUIRED, Ns.WSRM12, null, "a message outside any sequence");
      }
      return handler.handle(request);
    }
    return sequenceMessage(request, seq);
  }

  // ---------------------------------------------------------------------------------------------
  // Sequence messages

  private Document sequenceMessage(SoapRequest request, SequenceHeader h) throws ParleyFault {
    Sequence s = owned(h.identifier(), h.version(), request);
    if (s.context != null && requireSignedSequenceHeader) {
      requireSignedByContext(request, h.version(), s);
    }
    long n = h.messageNumber();
    Outcome outcome;
    s.lock.lock();
    try {
      s.touch(clock.instant());
      if (s.closed && n >= s.next) {
        // WS-RM 1.2 section 3.5: a closed sequence takes no new messages.
        throw s.fault(FaultCode.RM_SEQUENCE_CLOSED, "message " + n + " after CloseSequence");
      }
      if (h.lastMessage()) {
        s.lastNumber = n;
      } else if (s.lastNumber > 0 && n > s.lastNumber) {
        throw s.fault(FaultCode.RM_SEQUENCE_TERMINATED, "message " + n + " after LastMessage");
      }
      outcome = awaitTurn(s, n);
      if (outcome == Outcome.DELIVER) {
        s.delivering = true;
      }
    } finally {
      s.lock.unlock();
    }
    if (outcome == Outcome.DUPLICATE) {
      return cachedAnswer(request, s, n);
    }
    if (outcome == Outcome.NOT_YET) {
      return ackOnly(request, s);
    }
    Answer answer;
    try {
      answer = new Answer(handler.handle(request), null);
    } catch (ParleyFault | RuntimeException e) {
      // The handler has seen the message: it is delivered, and a retransmission gets the same.
      answer = new Answer(null, e);
    }
    s.lock.lock();
    try {
      s.cache(n, answer, maxCached);
      s.next = n + 1;
      s.delivering = false;
      s.turn.signalAll();
    } finally {
      s.lock.unlock();
    }
    return withRm(request, s, n, answer);
  }

  private enum Outcome {
    DELIVER,
    DUPLICATE,
    NOT_YET
  }

  /** Waits (lock held) until {@code n} may be delivered or has been; bounded in count and time. */
  private Outcome awaitTurn(Sequence s, long n) throws ParleyFault {
    if (n < s.next) {
      return Outcome.DUPLICATE;
    }
    if (n == s.next && !s.delivering) {
      return Outcome.DELIVER;
    }
    if (s.waiting.size() >= maxBuffered) {
      throw new ParleyFault(
          FaultCode.SOAP_RECEIVER,
          "sequence "
              + s.id
              + " holds maxBufferedMessagesPerSequence="
              + maxBuffered
              + " out-of-order messages; message "
              + n
              + " is refused, retransmit it later");
    }
    boolean added = s.waiting.add(n);
    long nanos = maxDeliveryWait.toNanos();
    try {
      while (true) {
        if (n < s.next) {
          return Outcome.DUPLICATE;
        }
        if (n == s.next && !s.delivering) {
          // A duplicate waiting beside the original lets the original go first.
          return added ? Outcome.DELIVER : Outcome.NOT_YET;
        }
        if (s.terminated) {
          throw s.fault(FaultCode.RM_SEQUENCE_TERMINATED, "terminated while message waited");
        }
        if (nanos <= 0) {
          return Outcome.NOT_YET;
        }
        try {
          nanos = s.turn.awaitNanos(nanos);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Outcome.NOT_YET;
        }
      }
    } finally {
      if (added) {
        s.waiting.remove(n);
      }
    }
  }

  private Document cachedAnswer(SoapRequest request, Sequence s, long n) throws ParleyFault {
    Answer a;
    s.lock.lock();
    try {
      a = s.responses.get(n);
    } finally {
      s.lock.unlock();
    }
    if (a == null) {
      // Evicted from the cache (or never had a body): the acknowledgement is all we can give.
      return ackOnly(request, s);
    }
    return withRm(request, s, n, a);
  }

  private Document withRm(SoapRequest request, Sequence s, long n, Answer a) throws ParleyFault {
    if (a.error != null) {
      if (a.error instanceof ParleyFault pf) {
        throw pf;
      }
      throw (RuntimeException) a.error;
    }
    if (a.response == null) {
      return ackOnly(request, s);
    }
    Document d = Envelopes.copy(a.response);
    if (s.offered != null) {
      // WS-RM 1.2 section 3.4: replies travel in the offered sequence; as WCF does, reply n
      // answers request n.
      Envelopes.addHeader(
          d, codec.write(d, new SequenceHeader(s.version, s.offered, n, false)), true);
    }
    Envelopes.addHeader(d, codec.write(d, s.acknowledgement()), false);
    return d;
  }

  /** An envelope that carries only the acknowledgement of {@code s}. */
  private Document ackOnly(SoapRequest request, Sequence s) throws ParleyFault {
    SoapEnvelopeBuilder b = request.replyBuilder(s.version.actionSequenceAcknowledgement(), null);
    Document d = b.build().document();
    Envelopes.addHeader(d, codec.write(d, s.acknowledgement()), false);
    return d;
  }

  // ---------------------------------------------------------------------------------------------
  // Protocol messages

  private Document control(SoapRequest request, RmVersion v, String action, RmHeaders headers)
      throws ParleyFault {
    if (action.equals(v.actionCreateSequence())) {
      return create(request, v, headers);
    }
    if (action.equals(v.actionSequenceAcknowledgement())) {
      for (SequenceAcknowledgement a : headers.acknowledgements()) {
        offeredAck(a, request);
      }
      return null; // one-way (WS-RM 1.2 section 3.9)
    }
    if (action.equals(v.actionAckRequested())) {
      if (headers.ackRequested().isEmpty()) {
        throw new ParleyFault(FaultCode.SOAP_SENDER, "AckRequested action without the header");
      }
      Sequence s = owned(headers.ackRequested().get(0).identifier(), v, request);
      return ackOnly(request, s);
    }
    if (action.equals(v.actionLastMessage()) && v == RmVersion.WSRM_200502) {
      SequenceHeader h = headers.sequence();
      if (h == null) {
        throw new ParleyFault(FaultCode.SOAP_SENDER, "LastMessage without a Sequence header");
      }
      Sequence s = owned(h.identifier(), v, request);
      s.lock.lock();
      try {
        // Feb 2005 section 3.1: an empty message that ends the sequence at this number; it is
        // acknowledged but has nothing to deliver.
        s.lastNumber = h.messageNumber();
        if (s.next == h.messageNumber()) {
          s.next++;
        }
      } finally {
        s.lock.unlock();
      }
      return ackOnly(request, s);
    }
    if (v.hasClose() && action.equals(v.actionCloseSequence())) {
      SequenceControl c = codec.readControl(request.requirePayload(), SequenceControl.Kind.CLOSE);
      Sequence s = owned(c.identifier(), v, request);
      s.lock.lock();
      try {
        s.closed = true;
      } finally {
        s.lock.unlock();
      }
      Document d =
          reply(request, v.actionCloseSequenceResponse(), s, SequenceControl.Kind.CLOSE_RESPONSE);
      return d;
    }
    if (action.equals(v.actionTerminateSequence())) {
      SequenceControl c =
          codec.readControl(request.requirePayload(), SequenceControl.Kind.TERMINATE);
      Sequence s = owned(c.identifier(), v, request);
      s.lock.lock();
      try {
        s.closed = true;
        s.terminated = true;
        s.turn.signalAll();
      } finally {
        s.lock.unlock();
      }
      sequences.remove(s.id, s);
      if (!v.terminateIsAnswered()) {
        return null; // Feb 2005 section 3.5: one-way
      }
      return reply(
          request, v.actionTerminateSequenceResponse(), s, SequenceControl.Kind.TERMINATE_RESPONSE);
    }
    throw new ParleyFault(
        FaultCode.SOAP_SENDER, "WS-RM action " + action + " is not answered here");
  }

  private Document reply(SoapRequest request, String action, Sequence s, SequenceControl.Kind kind)
      throws ParleyFault {
    Document doc = HardenedXml.newEmptyDocument();
    Element body = codec.write(doc, SequenceControl.of(kind, s.version, s.id));
    doc.appendChild(body);
    Document d = request.reply(action, body);
    Envelopes.addHeader(d, codec.write(d, s.finalAcknowledgement()), false);
    return d;
  }

  private Document create(SoapRequest request, RmVersion v, RmHeaders headers) throws ParleyFault {
    CreateSequence cs = codec.readCreateSequence(request.requirePayload());
    String context = Envelopes.contextOf(request);
    if (cs.tokenReference() != null) {
      // WS-RM 1.2 section 5.2.1: the STR names the token the sequence is bound to, and the
      // CreateSequence must be protected by that very token.
      if (context == null || !context.equals(resolveReference(cs.tokenReference(), request))) {
        throw new SequenceFault(
            FaultCode.RM_CREATE_SEQUENCE_REFUSED,
            v.namespace(),
            null,
            "the SecurityTokenReference does not name the context that protects the message");
      }
    } else if (headers.usesSequenceStr()) {
      throw new SequenceFault(
          FaultCode.RM_CREATE_SEQUENCE_REFUSED,
          v.namespace(),
          null,
          "UsesSequenceSTR without a SecurityTokenReference in CreateSequence");
    }
    Instant now = clock.instant();
    createLock.lock();
    try {
      if (cs.offer() != null) {
        for (Sequence s : sequences.values()) {
          if (cs.offer().identifier().equals(s.offered) && Objects.equals(s.context, context)) {
            // A retransmitted CreateSequence (its response was lost): the same sequence again.
            return createResponse(request, v, s);
          }
        }
      }
      if (sequences.size() >= maxOpenSequences) {
        expire(now);
      }
      if (sequences.size() >= maxOpenSequences) {
        throw new SequenceFault(
            FaultCode.RM_CREATE_SEQUENCE_REFUSED,
            v.namespace(),
            null,
            "maxOpenSequences=" + maxOpenSequences + " sequences are open");
      }
      Sequence s =
          new Sequence(
              "urn:uuid:" + UUID.randomUUID(),
              v,
              context,
              cs.offer() == null ? null : cs.offer().identifier(),
              now);
      sequences.put(s.id, s);
      LOG.debug("sequence {} created (bound to a context: {})", s.id, context != null);
      return createResponse(request, v, s);
    } finally {
      createLock.unlock();
    }
  }

  private Document createResponse(SoapRequest request, RmVersion v, Sequence s) {
    Document doc = HardenedXml.newEmptyDocument();
    String acceptAcksTo = null;
    if (s.offered != null) {
      java.net.URI addr = request.endpointAddress();
      acceptAcksTo = addr == null ? v.addressing().anonymousUri() : addr.toString();
    }
    AddressingVersion eprVersion = v.addressing();
    if (v == RmVersion.WSRM_200502
        && compliance.allows(RmCompliance.Deviation.FEB2005_WSA10_ENDPOINT_REFERENCES)
        && request.addressing().map(a -> a.version() == AddressingVersion.WSA_10).orElse(false)) {
      eprVersion = AddressingVersion.WSA_10;
    }
    Element body =
        codec.write(
            doc, new CreateSequenceResponse(v, s.id, inactivityTimeout, acceptAcksTo), eprVersion);
    doc.appendChild(body);
    return request.reply(v.actionCreateSequenceResponse(), body);
  }

  /** A reference from CreateSequence's STR: the context identifier itself, or a local #id. */
  private static String resolveReference(String uri, SoapRequest request) {
    if (!uri.startsWith("#")) {
      return uri;
    }
    String local = uri.substring(1);
    for (String ns : List.of(Ns.WSC13, Ns.WSC200502)) {
      var scts = request.envelope().document().getElementsByTagNameNS(ns, "SecurityContextToken");
      for (int i = 0; i < scts.getLength(); i++) {
        Element sct = (Element) scts.item(i);
        if (local.equals(sct.getAttributeNS(Ns.WSU, "Id"))) {
          var ids = sct.getElementsByTagNameNS(ns, "Identifier");
          if (ids.getLength() == 1) {
            return ids.item(0).getTextContent().strip();
          }
        }
      }
    }
    return null;
  }

  /** Acknowledgements of an offered sequence: checked against what we sent, else ignored. */
  private void offeredAck(SequenceAcknowledgement a, SoapRequest request) throws ParleyFault {
    for (Sequence s : sequences.values()) {
      if (a.identifier().equals(s.offered)) {
        checkContext(s, request);
        return;
      }
    }
  }

  /** The sequence {@code id}, known, of version {@code v} and protected as it was created. */
  private Sequence owned(String id, RmVersion v, SoapRequest request) throws ParleyFault {
    Sequence s = sequences.get(id);
    if (s == null || s.version != v || isExpired(s, clock.instant())) {
      if (s != null) {
        sequences.remove(id, s);
      }
      // WS-RM 1.2 section 4.3.
      throw new SequenceFault(FaultCode.RM_UNKNOWN_SEQUENCE, v.namespace(), id, "unknown " + id);
    }
    checkContext(s, request);
    return s;
  }

  private static void checkContext(Sequence s, SoapRequest request) throws ParleyFault {
    String context = Envelopes.contextOf(request);
    if (!Objects.equals(s.context, context)) {
      // WS-RM 1.2 section 5.2.1: every message of a sequence bound to a token must be protected by
      // that token; another context (or none) is a hijack attempt. Nothing about the sequence
      // changes.
      throw new ParleyFault(
          FaultCode.FAILED_AUTHENTICATION,
          "a message for sequence " + s.id + " protected by another security context than its own");
    }
  }

  /**
   * WS-RM 1.2 section 5.1.3 (sequence forgery) and 5.2.1: in a sequence bound to a context the
   * {@code wsrm:Sequence} header must be signed by that context, else whoever sees one message
   * could renumber it.
   */
  private static void requireSignedByContext(SoapRequest request, RmVersion v, Sequence s)
      throws ParleyFault {
    VerifiedMessage m = request.verified().orElseThrow();
    for (Element e : request.envelope().headerBlocks(v.namespace(), "Sequence")) {
      String signer =
          m.signingToken(e)
              .map(VerifiedToken::root)
              .flatMap(VerifiedToken::contextIdentifier)
              .orElse(null);
      if (!s.context.equals(signer)) {
        throw new ParleyFault(
            FaultCode.FAILED_AUTHENTICATION,
            "the wsrm:Sequence header of a message for sequence "
                + s.id
                + " is not signed by its security context (allowUnsignedSequenceHeaders)");
      }
    }
  }

  private boolean isExpired(Sequence s, Instant now) {
    return !now.isBefore(s.lastActivity.plus(inactivityTimeout));
  }

  private void expire(Instant now) {
    sequences.values().removeIf(s -> isExpired(s, now));
  }

  private static RmVersion protocolVersion(String action) {
    for (RmVersion v : RmVersion.values()) {
      if (v.isProtocolAction(action)) {
        return v;
      }
    }
    return null;
  }

  private record Answer(Document response, Throwable error) {}

  /** One inbound sequence; every field but {@code lastActivity} is guarded by {@code lock}. */
  private static final class Sequence {
    final String id;
    final RmVersion version;
    final String context;
    final String offered;
    final ReentrantLock lock = new ReentrantLock();
    final Condition turn = lock.newCondition();
    final Set<Long> waiting = new HashSet<>();
    final LinkedHashMap<Long, Answer> responses = new LinkedHashMap<>();
    volatile Instant lastActivity;
    long next = 1;
    long lastNumber;
    boolean delivering;
    boolean closed;
    boolean terminated;

    Sequence(String id, RmVersion version, String context, String offered, Instant now) {
      this.id = id;
      this.version = version;
      this.context = context;
      this.offered = offered;
      this.lastActivity = now;
    }

    void touch(Instant now) {
      lastActivity = now;
    }

    void cache(long n, Answer a, int max) {
      responses.put(n, a);
      while (responses.size() > max) {
        Long eldest = responses.keySet().iterator().next();
        responses.remove(eldest);
      }
    }

    SequenceAcknowledgement acknowledgement() {
      return SequenceAcknowledgement.of(version, id, ranges(), false);
    }

    SequenceAcknowledgement finalAcknowledgement() {
      return SequenceAcknowledgement.of(version, id, ranges(), version == RmVersion.WSRM_12);
    }

    private List<AckRange> ranges() {
      lock.lock();
      try {
        // InOrder delivery: what is delivered is exactly 1..next-1.
        return next > 1 ? List.of(new AckRange(1, next - 1)) : List.of();
      } finally {
        lock.unlock();
      }
    }

    SequenceFault fault(FaultCode code, String detail) {
      return new SequenceFault(code, version.namespace(), id, detail);
    }
  }

  /** Builder; {@link #build} needs a handler. */
  public static final class Builder {
    private SoapHandler handler;
    private Clock clock = Clock.systemUTC();
    private RmLimits limits = RmLimits.DEFAULT;
    private org.parley.reliable.message.RmCompliance compliance =
        org.parley.reliable.message.RmCompliance.STRICT;
    private int maxOpenSequences = DEFAULT_MAX_OPEN_SEQUENCES;
    private int maxBuffered = DEFAULT_MAX_BUFFERED_MESSAGES_PER_SEQUENCE;
    private int maxCached = DEFAULT_MAX_CACHED_RESPONSES_PER_SEQUENCE;
    private Duration inactivityTimeout = DEFAULT_INACTIVITY_TIMEOUT;
    private Duration maxDeliveryWait = DEFAULT_MAX_DELIVERY_WAIT;
    private boolean requireSequence = true;
    private boolean requireSignedSequenceHeader = true;

    private Builder() {}

    /**
     * Accepts, in sequences bound to a security context, a {@code wsrm:Sequence} header that the
     * context's signature does not cover (peers whose policy signs only the Body). The message
     * itself must still be protected by the sequence's context; only the numbering is then
     * unprotected.
     */
    public Builder allowUnsignedSequenceHeaders() {
      this.requireSignedSequenceHeader = false;
      return this;
    }

    /** The application handler sequence messages are delivered to. */
    public Builder handler(SoapHandler handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Bounds on the RM elements of a request. */
    public Builder limits(RmLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** The deviations of the sources' messages to tolerate; default strict. */
    public Builder compliance(org.parley.reliable.message.RmCompliance compliance) {
      this.compliance = Objects.requireNonNull(compliance, "compliance");
      return this;
    }

    /** Setting {@code maxOpenSequences}: CreateSequence is refused past it. */
    public Builder maxOpenSequences(int max) {
      this.maxOpenSequences = atLeastOne("maxOpenSequences", max);
      return this;
    }

    /**
     * Setting {@code maxBufferedMessagesPerSequence}: out-of-order messages of one sequence held
     * while they wait for their predecessors; one more gets a Receiver fault.
     */
    public Builder maxBufferedMessagesPerSequence(int max) {
      this.maxBuffered = atLeastOne("maxBufferedMessagesPerSequence", max);
      return this;
    }

    /**
     * Setting {@code maxCachedResponsesPerSequence}: responses kept to answer retransmissions; keep
     * it above the sources' window of unanswered messages.
     */
    public Builder maxCachedResponsesPerSequence(int max) {
      this.maxCached = atLeastOne("maxCachedResponsesPerSequence", max);
      return this;
    }

    /** Setting {@code inactivityTimeout}: a sequence idle this long is forgotten. */
    public Builder inactivityTimeout(Duration d) {
      this.inactivityTimeout = positive("inactivityTimeout", d);
      return this;
    }

    /**
     * Setting {@code maxDeliveryWait}: how long an out-of-order message waits for its predecessors
     * before it is answered with an acknowledgement only.
     */
    public Builder maxDeliveryWait(Duration d) {
      this.maxDeliveryWait = positive("maxDeliveryWait", d);
      return this;
    }

    /**
     * Lets messages outside any sequence through to the handler unreliably. Off by default: such a
     * message gets {@code wsrm:WSRMRequired}.
     */
    public Builder allowMessagesOutsideSequences() {
      this.requireSequence = false;
      return this;
    }

    public ReliableDestination build() {
      if (handler == null) {
        throw new IllegalStateException("a reliable destination needs a handler()");
      }
      return new ReliableDestination(this);
    }

    private static int atLeastOne(String name, int v) {
      if (v < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, was " + v);
      }
      return v;
    }

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }

  static String describe(SoapEnvelope e) {
    return e.version().toString();
  }
}
