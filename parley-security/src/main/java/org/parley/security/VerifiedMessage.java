package org.parley.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A SOAP message whose WS-Security header was processed and checked against a {@link
 * SecurityPolicy}: signatures verified, encrypted parts decrypted, timestamp fresh, required parts
 * covered. Only {@link InboundProcessor} builds one, so holding one is proof of all of that.
 *
 * <p>Signed and encrypted elements are identities of elements in {@link #document()}, the tree that
 * was actually processed: no id lookup after the fact, so signature wrapping cannot redirect them.
 */
public final class VerifiedMessage {
  private final Document document;
  private final Element envelope;
  private final Element header;
  private final Element body;
  private final Map<Element, VerifiedToken> signed;
  private final Set<Element> encrypted;
  private final VerifiedTimestamp timestamp;
  private final List<byte[]> signatureValues;
  private final List<byte[]> signatureConfirmations;
  private final VerifiedToken primarySigningToken;
  private final List<VerifiedToken> endorsingTokens;

  /**
   * The EncryptedKey secret behind the primary signature, for {@link OutboundCredentials#replyTo}.
   */
  final org.parley.core.SecretBytes replyKey;

  final byte[] replyKeySha1;

  VerifiedMessage(
      Document document,
      Element envelope,
      Element header,
      Element body,
      IdentityHashMap<Element, VerifiedToken> signed,
      Set<Element> encrypted,
      VerifiedTimestamp timestamp,
      List<byte[]> signatureValues,
      List<byte[]> signatureConfirmations,
      VerifiedToken primarySigningToken,
      List<VerifiedToken> endorsingTokens,
      org.parley.core.SecretBytes replyKey,
      byte[] replyKeySha1) {
    this.document = document;
    this.envelope = envelope;
    this.header = header;
    this.body = body;
    this.signed = Collections.unmodifiableMap(signed);
    this.encrypted = Collections.unmodifiableSet(encrypted);
    this.timestamp = timestamp;
    this.signatureValues = signatureValues;
    this.signatureConfirmations = signatureConfirmations;
    this.primarySigningToken = primarySigningToken;
    this.endorsingTokens = endorsingTokens;
    this.replyKey = replyKey;
    this.replyKeySha1 = replyKeySha1;
  }

  /** The processed (decrypted) document. */
  public Document document() {
    return document;
  }

  public Element envelope() {
    return envelope;
  }

  /** The SOAP namespace: SOAP 1.1 or SOAP 1.2. */
  public String soapNamespace() {
    return envelope.getNamespaceURI();
  }

  /** The SOAP Header element, if any. */
  public Optional<Element> header() {
    return Optional.ofNullable(header);
  }

  /** The SOAP Body: the Envelope's Body child. */
  public Element body() {
    return body;
  }

  /** The Header's direct child elements, in order. */
  public List<Element> headerElements() {
    List<Element> out = new ArrayList<>();
    if (header != null) {
      for (org.w3c.dom.Node n = header.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element) {
          out.add((Element) n);
        }
      }
    }
    return out;
  }

  /** True when {@code element} (by identity) was covered by a verified signature. */
  public boolean isSigned(Element element) {
    return signed.containsKey(element);
  }

  /** The token whose signature covered {@code element}. */
  public Optional<VerifiedToken> signingToken(Element element) {
    return Optional.ofNullable(signed.get(element));
  }

  /** Every signed element (identity set). */
  public Set<Element> signedElements() {
    return signed.keySet();
  }

  /** True when {@code element} (or the content of it, for the Body) arrived encrypted. */
  public boolean wasEncrypted(Element element) {
    return encrypted.contains(element);
  }

  /** Elements that arrived encrypted: the Body (content encryption), decrypted headers, etc. */
  public Set<Element> encryptedElements() {
    return encrypted;
  }

  public Optional<VerifiedTimestamp> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  /** The SignatureValue bytes of every verified signature: replay keys, and what to confirm. */
  public List<byte[]> signatureValues() {
    List<byte[]> out = new ArrayList<>(signatureValues.size());
    for (byte[] v : signatureValues) {
      out.add(v.clone());
    }
    return out;
  }

  /** Values of signed {@code wsse11:SignatureConfirmation} elements the peer sent. */
  public List<byte[]> signatureConfirmations() {
    List<byte[]> out = new ArrayList<>(signatureConfirmations.size());
    for (byte[] v : signatureConfirmations) {
      out.add(v.clone());
    }
    return out;
  }

  /** The token of the primary signature: the one over the Body, else the first one. */
  public Optional<VerifiedToken> primarySigningToken() {
    return Optional.ofNullable(primarySigningToken);
  }

  /**
   * Tokens of endorsing signatures (WS-SP 1.2 section 8.4): signatures whose references cover
   * another signature, such as a client certificate endorsing a symmetric-key bootstrap.
   */
  public List<VerifiedToken> endorsingTokens() {
    return endorsingTokens;
  }
}
