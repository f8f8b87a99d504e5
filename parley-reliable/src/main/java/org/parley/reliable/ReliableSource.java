package org.parley.reliable;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.SoapFaultException;
import org.parley.reliable.message.AckRange;
import org.parley.reliable.message.CreateSequence;
import org.parley.reliable.message.CreateSequenceResponse;
import org.parley.reliable.message.RmCodec;
import org.parley.reliable.message.RmHeaders;
import org.parley.reliable.message.RmLimits;
import org.parley.reliable.message.RmVersion;
import org.parley.reliable.message.SequenceAcknowledgement;
import org.parley.reliable.message.SequenceControl;
import org.parley.reliable.message.SequenceHeader;
import org.parley.wire.addressing.AddressingHeaders;
import org.parley.wire.addressing.EndpointReference;
import org.parley.wire.fault.SequenceFault;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A WS-RM source: opens sequences to one endpoint and sends messages in them with bounded
 * retransmission (exponential backoff from {@code initialRetransmissionInterval} up to {@code
 * maxRetransmissionInterval}, at most {@code maxAttempts} sends per message). Immutable and
 * thread-safe; {@link #open()} gives a {@link Session} that many threads may share.
 */
public final class ReliableSource {
  private final RmTransport transport;
  private final RmVersion version;
  private final SoapVersion soapVersion;
  private final String to;
  private final Duration initialInterval;
  private final Duration maxInterval;
  private final int maxAttempts;
  private final int maxInFlight;
  private final String tokenReference;
  private final RmCodec codec;

  private ReliableSource(Builder b) {
    this.transport = b.transport;
    this.version = b.version;
    this.soapVersion = b.soapVersion;
    this.to = b.to;
    this.initialInterval = b.initialInterval;
    this.maxInterval = b.maxInterval;
    this.maxAttempts = b.maxAttempts;
    this.maxInFlight = b.maxInFlight;
    this.tokenReference = b.tokenReference;
    this.codec = RmCodec.create(b.limits, b.compliance);
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Creates a sequence (WS-RM 1.2 section 3.4), offering one for the replies, retransmitting the
   * CreateSequence like any message.
   */
  public Session open() throws IOException, ParleyFault {
    String offer = "urn:uuid:" + UUID.randomUUID();
    String anonymous = version.addressing().anonymousUri();
    CreateSequence cs =
        new CreateSequence(
            version,
            anonymous,
            null,
            new CreateSequence.Offer(
                version, offer, version == RmVersion.WSRM_12 ? anonymous : null, null),
            tokenReference);
    String messageId = "urn:uuid:" + UUID.randomUUID();
    Document response =
        retrying(
            () -> {
              SoapEnvelopeBuilder b = envelope(version.actionCreateSequence(), messageId);
              if (tokenReference != null && version == RmVersion.WSRM_12) {
                b.addHeaderBlock(codec.writeUsesSequenceStr(b.document(), version), true);
              }
              b.addBodyContent(codec.write(b.document(), cs));
              return transport.exchange(b.build().document(), version.actionCreateSequence());
            },
            r -> r != null && !org.parley.reliable.internal.Envelopes.emptyBody(r));
    CreateSequenceResponse csr =
        codec.readCreateSequenceResponse(SoapEnvelope.of(response).bodyPayload());
    return new Session(csr.identifier(), csr.acceptAcksTo() != null ? offer : null);
  }

  /** One open sequence. Thread-safe: concurrent calls get consecutive message numbers. */
  public final class Session implements AutoCloseable {
    private final String id;
    private final String offered;
    private final AtomicLong numbers = new AtomicLong();
    private final Semaphore window = new Semaphore(maxInFlight, true);
    private final TreeMap<Long, Long> acked = new TreeMap<>();
    private final TreeMap<Long, Long> received = new TreeMap<>();
    private volatile boolean closed;

    private Session(String id, String offered) {
      this.id = id;
      this.offered = offered;
    }

    /** The sequence's identifier, as the destination assigned it. */
    public String identifier() {
      return id;
    }

    /** The offered sequence the replies travel in, or null when the offer was not accepted. */
    public String offeredIdentifier() {
      return offered;
    }

    /**
     * Sends {@code payload} as the next message of the sequence and returns the reply's payload
     * (null for an empty Body), retransmitting until the reply comes.
     *
     * @throws SoapFaultException the handler's (or the destination's) fault
     * @throws IOException after {@code maxAttempts} sends without a reply
     */
    public Element call(String action, Element payload) throws IOException, ParleyFault {
      Document reply = exchange(action, payload, true);
      return Dom.firstChildElement(SoapEnvelope.of(reply).body());
    }

    /** Sends a one-way message; returns once the destination acknowledged it. */
    public void send(String action, Element payload) throws IOException, ParleyFault {
      exchange(action, payload, false);
    }

    private Document exchange(String action, Element payload, boolean wantReply)
        throws IOException, ParleyFault {
      Objects.requireNonNull(action, "action");
      if (closed) {
        throw new IllegalStateException("sequence " + id + " is closed");
      }
      acquire();
      try {
        long n = numbers.incrementAndGet();
        if (n == Long.MAX_VALUE) {
          // WS-RM 1.2 section 3.7: numbers stop at 2^63-1; the next would roll over.
          throw new SequenceFault(
              FaultCode.RM_MESSAGE_NUMBER_ROLLOVER, version.namespace(), id, "sequence exhausted");
        }
        String messageId = "urn:uuid:" + UUID.randomUUID();
        return retrying(
            () -> {
              SoapEnvelopeBuilder b = envelope(action, messageId);
              b.addHeaderBlock(
                  codec.write(b.document(), new SequenceHeader(version, id, n, false)), true);
              SequenceAcknowledgement ack = receivedAck();
              if (ack != null) {
                b.addHeaderBlock(codec.write(b.document(), ack));
              }
              if (payload != null) {
                b.addBodyContent(Dom.importSelfContained(b.document(), payload));
              }
              Document r = transport.exchange(b.build().document(), action);
              if (r != null) {
                absorb(r);
              }
              return r;
            },
            r -> wantReply ? isReplyTo(r, messageId) : isAcked(n));
      } finally {
        window.release();
      }
    }

    private boolean isReplyTo(Document r, String messageId) throws ParleyFault {
      if (r == null) {
        return false;
      }
      AddressingHeaders a = AddressingHeaders.read(SoapEnvelope.of(r)).orElse(null);
      if (a != null && version.actionSequenceAcknowledgement().equals(a.action())) {
        return false; // an acknowledgement only: the reply is not ready or was lost
      }
      return a == null || a.repliesTo() == null || messageId.equals(a.repliesTo());
    }

    /** Takes in the RM headers of a response: acknowledgements of ours, numbers of replies. */
    private void absorb(Document r) throws ParleyFault {
      RmHeaders h = codec.readHeaders(SoapEnvelope.of(r));
      synchronized (this) {
        for (SequenceAcknowledgement a : h.acknowledgements()) {
          if (!a.identifier().equals(id)) {
            continue;
          }
          for (AckRange range : a.ranges()) {
            if (range.upper() > numbers.get()) {
              // WS-RM 1.2 section 4.4: acknowledging what was never sent.
              throw new SequenceFault(
                  FaultCode.RM_INVALID_ACKNOWLEDGEMENT,
                  version.namespace(),
                  id,
                  "acknowledged " + range.upper() + " of " + numbers.get() + " sent");
            }
            add(acked, range.lower(), range.upper());
          }
        }
        SequenceHeader s = h.sequence();
        if (s != null && s.identifier().equals(offered)) {
          add(received, s.messageNumber(), s.messageNumber());
        }
      }
    }

    private synchronized boolean isAcked(long n) {
      var e = acked.floorEntry(n);
      return e != null && e.getValue() >= n;
    }

    private synchronized SequenceAcknowledgement receivedAck() {
      if (offered == null || received.isEmpty()) {
        return null;
      }
      List<AckRange> ranges = new ArrayList<>(received.size());
      received.forEach((lo, hi) -> ranges.add(new AckRange(lo, hi)));
      return SequenceAcknowledgement.of(version, offered, ranges, false);
    }

    /** Closes (1.2) and terminates the sequence; a lost answer is retransmitted like a message. */
    @Override
    public void close() throws IOException, ParleyFault {
      if (closed) {
        return;
      }
      closed = true;
      long last = numbers.get();
      if (version.hasClose()) {
        control(SequenceControl.Kind.CLOSE, version.actionCloseSequence(), last);
      }
      control(SequenceControl.Kind.TERMINATE, version.actionTerminateSequence(), last);
    }

    private void control(SequenceControl.Kind kind, String action, long last)
        throws IOException, ParleyFault {
      String messageId = "urn:uuid:" + UUID.randomUUID();
      SequenceControl c =
          new SequenceControl(kind, version, id, version == RmVersion.WSRM_12 ? last : 0);
      boolean[] retried = {false};
      try {
        retrying(
            () -> {
              SoapEnvelopeBuilder b = envelope(action, messageId);
              b.addBodyContent(codec.write(b.document(), c));
              Document r;
              try {
                r = transport.exchange(b.build().document(), action);
              } finally {
                retried[0] = true;
              }
              if (r != null) {
                absorb(r);
              }
              return r;
            },
            r -> !version.terminateIsAnswered() || kind == SequenceControl.Kind.CLOSE || r != null);
      } catch (SoapFaultException e) {
        // A retransmitted Terminate whose first copy got through finds the sequence gone.
        if (!(retried[0] && e.code() == FaultCode.RM_UNKNOWN_SEQUENCE)) {
          throw e;
        }
      }
    }

    private void acquire() throws InterruptedIOException {
      try {
        window.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the send window");
      }
    }
  }

  private static void add(TreeMap<Long, Long> set, long lo, long hi) {
    var below = set.floorEntry(lo);
    if (below != null && below.getValue() >= lo - 1) {
      lo = below.getKey();
      hi = Math.max(hi, below.getValue());
      set.remove(below.getKey());
    }
    var above = set.ceilingEntry(lo);
    while (above != null && above.getKey() <= hi + 1) {
      hi = Math.max(hi, above.getValue());
      set.remove(above.getKey());
      above = set.ceilingEntry(lo);
    }
    set.put(lo, hi);
  }

  @FunctionalInterface
  private interface Attempt {
    Document send() throws IOException, ParleyFault;
  }

  @FunctionalInterface
  private interface Done {
    boolean test(Document response) throws ParleyFault;
  }

  /** Sends until {@code done} or {@code maxAttempts}; waits grow exponentially in between. */
  private Document retrying(Attempt attempt, Done done) throws IOException, ParleyFault {
    long waitNanos = initialInterval.toNanos();
    IOException lastFailure = null;
    for (int i = 1; i <= maxAttempts; i++) {
      try {
        Document r = attempt.send();
        if (done.test(r)) {
          return r;
        }
        lastFailure = null;
      } catch (IOException e) {
        lastFailure = e;
      }
      if (i == maxAttempts) {
        break;
      }
      try {
        Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted between retransmissions");
      }
      waitNanos = Math.min(waitNanos * 2, maxInterval.toNanos());
    }
    IOException e =
        new IOException(
            "no answer after maxAttempts=" + maxAttempts + " sends (WS-RM retransmission)");
    if (lastFailure != null) {
      e.initCause(lastFailure);
    }
    throw e;
  }

  private SoapEnvelopeBuilder envelope(String action, String messageId) {
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(soapVersion);
    AddressingHeaders.newBuilder(version.addressing())
        .action(action)
        .messageId(messageId)
        .to(to)
        .replyTo(EndpointReference.of(version.addressing().anonymousUri()))
        .build()
        .writeTo(b);
    return b;
  }

  /** Builder; {@link #build} needs a transport and the destination address. */
  public static final class Builder {
    private RmTransport transport;
    private RmVersion version = RmVersion.WSRM_12;
    private SoapVersion soapVersion = SoapVersion.SOAP_12;
    private String to;
    private Duration initialInterval = Duration.ofMillis(200);
    private Duration maxInterval = Duration.ofSeconds(5);
    private int maxAttempts = 12;
    private int maxInFlight = 8;
    private String tokenReference;
    private RmLimits limits = RmLimits.DEFAULT;
    private org.parley.reliable.message.RmCompliance compliance =
        org.parley.reliable.message.RmCompliance.STRICT;

    private Builder() {}

    /** The deviations of the peer's responses to tolerate; default strict. */
    public Builder compliance(org.parley.reliable.message.RmCompliance compliance) {
      this.compliance = Objects.requireNonNull(compliance, "compliance");
      return this;
    }

    public Builder transport(RmTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** The destination's address, written as {@code wsa:To}. */
    public Builder to(String address) {
      this.to = Objects.requireNonNull(address, "address");
      return this;
    }

    /** Takes the RM version of a peer's policy assertion (see {@code ReliablePolicy#read}). */
    public Builder policy(org.parley.reliable.policy.ReliablePolicy policy) {
      return version(policy.version());
    }

    public Builder version(RmVersion version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    public Builder soapVersion(SoapVersion soapVersion) {
      this.soapVersion = Objects.requireNonNull(soapVersion, "soapVersion");
      return this;
    }

    /** Setting {@code initialRetransmissionInterval}: the first wait. Default 200 ms. */
    public Builder initialRetransmissionInterval(Duration d) {
      this.initialInterval = positive("initialRetransmissionInterval", d);
      return this;
    }

    /** Setting {@code maxRetransmissionInterval}: the longest wait. Default 5 s. */
    public Builder maxRetransmissionInterval(Duration d) {
      this.maxInterval = positive("maxRetransmissionInterval", d);
      return this;
    }

    /** Setting {@code maxAttempts}: sends of one message before giving up. Default 12. */
    public Builder maxAttempts(int n) {
      if (n < 1 || n > 1000) {
        throw new IllegalArgumentException("maxAttempts must be in 1..1000, was " + n);
      }
      this.maxAttempts = n;
      return this;
    }

    /**
     * Setting {@code maxInFlight}: unanswered messages of one sequence at a time; keep it at or
     * below the destination's maxBufferedMessagesPerSequence. Default 8.
     */
    public Builder maxInFlight(int n) {
      if (n < 1 || n > 4096) {
        throw new IllegalArgumentException("maxInFlight must be in 1..4096, was " + n);
      }
      this.maxInFlight = n;
      return this;
    }

    /**
     * Binds the sequences to the security context {@code contextIdentifier} (WS-RM 1.2 section
     * 5.2.1): CreateSequence carries a SecurityTokenReference to it and UsesSequenceSTR. The
     * transport must protect every message with that context.
     */
    public Builder boundToContext(String contextIdentifier) {
      this.tokenReference = Objects.requireNonNull(contextIdentifier, "contextIdentifier");
      return this;
    }

    public Builder limits(RmLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    public ReliableSource build() {
      if (transport == null || to == null) {
        throw new IllegalStateException("a reliable source needs transport() and to()");
      }
      if (maxInterval.compareTo(initialInterval) < 0) {
        throw new IllegalStateException(
            "maxRetransmissionInterval is shorter than initialRetransmissionInterval");
      }
      return new ReliableSource(this);
    }

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
