package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.xml.namespace.QName;
import org.parley.core.SecretBytes;
import org.parley.core.crypto.PHash;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Replays one side of a CXF DoubleIt conversation (captured in shared/peer-captures, or recorded
 * live by parley-interop-tests) through {@link InboundProcessor}: requests with service.p12,
 * responses with client.p12, each at a clock one second after its wsu:Created. Keeps the state a
 * real peer keeps: security-context secrets (client entropy from the RST, server entropy from the
 * RSTR, P_SHA1 per WS-Trust 1.3 section 4.4.2, or the RSTR's BinarySecret on renew) and the
 * EncryptedKeys the client sent (for EncryptedKeySHA1 references in responses).
 *
 * <p>{@code scenario} is a capture folder name ({@code sc13}, {@code sc200502}, {@code x509},
 * {@code sc13-renew}, ...); message names follow the captures' scheme ({@code 03-app-request.xml},
 * {@code 09-rst-cancel-request.xml}, {@code 10-rstr-cancel-response.xml}, ...). Published in
 * parley-security's test-jar for parley-interop-tests.
 */
public final class PeerConversation {
  private static final HardenedXml XML = HardenedXml.create(XmlLimits.DEFAULT);

  private final String scenario;
  private final Map<String, SecretBytes> contexts = new HashMap<>();
  private final Map<String, SecretBytes> sentKeys = new HashMap<>();
  private byte[] clientEntropy;

  public PeerConversation(String scenario) {
    this.scenario = scenario;
  }

  /** How many security contexts this side has learnt so far. */
  public int knownContexts() {
    return contexts.size();
  }

  /**
   * Processes one message and asserts what every CXF DoubleIt message must show: body signed and
   * (except the cancel response) encrypted, a timestamp, every WS-Addressing header signed, and the
   * expected signing token (derived from the SCT for application messages under secure
   * conversation, the peer's X.509 certificate for the X.509 binding and the sc13 bootstrap).
   */
  public VerifiedMessage process(String name, byte[] bytes) throws Exception {
    boolean request = name.contains("request");
    if (request) {
      rememberEncryptedKeys(bytes);
    }
    Clock clock = Clock.fixed(created(bytes).plusSeconds(1), ZoneOffset.UTC);
    TestKeys.Entry me = request ? TestKeys.SERVICE : TestKeys.CLIENT;
    InboundProcessor processor =
        InboundProcessor.newBuilder()
            .policy(policyFor(name))
            .clock(clock)
            .privateKeys(PrivateKeyResolver.of(me.cert(), me.key()))
            .certificateTrust(TestKeys.trust(clock))
            .securityContexts(id -> Optional.ofNullable(contexts.get(id)))
            .encryptedKeys(sha1 -> Optional.ofNullable(sentKeys.get(hex(sha1))))
            .build();
    VerifiedMessage m = processor.process(bytes);

    assertThat(m.isSigned(m.body())).as("body signed").isTrue();
    assertThat(m.timestamp()).isPresent();
    assertThat(m.signatureValues()).isNotEmpty();
    if (!name.contains("cancel-response")) {
      assertThat(m.wasEncrypted(m.body())).as("body encrypted").isTrue();
    }
    for (Element h : m.headerElements()) {
      if (Ns.WSA10.equals(h.getNamespaceURI())) {
        assertThat(m.isSigned(h)).as("signed " + h.getLocalName()).isTrue();
      }
    }
    VerifiedToken t = m.primarySigningToken().orElseThrow();
    if (name.contains("app-") && !scenario.equals("x509")) {
      assertThat(t.kind()).isEqualTo(VerifiedToken.Kind.DERIVED_KEY);
      assertThat(t.root().kind()).isEqualTo(VerifiedToken.Kind.SECURITY_CONTEXT);
      assertThat(t.root().contextIdentifier()).isPresent();
    } else if (scenario.startsWith("sc200502") && name.contains("rst-")) {
      // Symmetric bootstrap keyed to the service certificate, endorsed by the client's.
      assertThat(t.root().kind()).isEqualTo(VerifiedToken.Kind.ENCRYPTED_KEY);
      assertThat(m.endorsingTokens()).hasSize(1);
      assertThat(m.endorsingTokens().get(0).certificate()).contains(TestKeys.CLIENT.cert());
    } else if (scenario.equals("x509") || (scenario.startsWith("sc13") && name.contains("rst-"))) {
      assertThat(t.kind()).isEqualTo(VerifiedToken.Kind.X509_CERTIFICATE);
      assertThat(t.certificate().orElseThrow())
          .isEqualTo(request ? TestKeys.CLIENT.cert() : TestKeys.SERVICE.cert());
    }
    learnFromBody(m.body());
    return m;
  }

  private SecurityPolicy policyFor(String name) {
    SecurityPolicy.Builder b =
        SecurityPolicy.newBuilder()
            .algorithmSuite(AlgorithmSuite.BASIC256)
            .signHeader(new QName(Ns.WSA10, "Action"))
            .signHeader(new QName(Ns.WSA10, "MessageID"))
            .signHeader(new QName(Ns.WSA10, "To"));
    boolean trust = name.contains("rst");
    if (name.contains("cancel-response")) {
      // CXF signs the cancel response with the context secret itself and does not encrypt it.
      return b.binding(SecurityPolicy.Binding.SYMMETRIC)
          .derivedKeys(false)
          .allowUnencryptedBody()
          .build();
    }
    boolean asymmetric = scenario.equals("x509") || (trust && scenario.startsWith("sc13"));
    if (asymmetric) {
      return b.binding(SecurityPolicy.Binding.ASYMMETRIC).derivedKeys(false).build();
    }
    return b.binding(SecurityPolicy.Binding.SYMMETRIC).derivedKeys(true).build();
  }

  /** What the client knows: the keys it wrapped for the service (to resolve EncryptedKeySHA1). */
  private void rememberEncryptedKeys(byte[] bytes) throws Exception {
    Document d = XML.parse(bytes);
    var list = d.getElementsByTagNameNS(Ns.XENC, "EncryptedKey");
    for (int i = 0; i < list.getLength(); i++) {
      Element ek = (Element) list.item(i);
      Element cv = Dom.child(Dom.child(ek, Ns.XENC, "CipherData"), Ns.XENC, "CipherValue");
      byte[] wrapped = Base64.getMimeDecoder().decode(Dom.text(cv));
      Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
      c.init(Cipher.DECRYPT_MODE, TestKeys.SERVICE.key());
      byte[] key = c.doFinal(wrapped);
      sentKeys.put(
          hex(MessageDigest.getInstance("SHA-1").digest(wrapped)), SecretBytes.copyOf(key));
    }
  }

  /** RST: keep the client entropy. RSTR: compute and keep the context secret. */
  private void learnFromBody(Element body) {
    Element rst = firstDescendant(body, "RequestSecurityToken");
    if (rst != null) {
      Element bs = firstDescendant(rst, "BinarySecret");
      if (bs != null) {
        clientEntropy = Base64.getDecoder().decode(Dom.text(bs));
      }
      return;
    }
    Element rstr = firstDescendant(body, "RequestSecurityTokenResponse");
    if (rstr == null) {
      return;
    }
    Element sct = firstDescendant(rstr, "SecurityContextToken");
    Element proof = firstDescendant(rstr, "RequestedProofToken");
    if (sct == null || proof == null) {
      return;
    }
    String id = Dom.text(Dom.child(sct, sct.getNamespaceURI(), "Identifier"));
    Element direct = firstDescendant(proof, "BinarySecret");
    SecretBytes secret;
    if (direct != null) {
      secret = SecretBytes.copyOf(Base64.getDecoder().decode(Dom.text(direct)));
    } else {
      Element entropy = null;
      for (Element c = Dom.firstChildElement(rstr); c != null; c = Dom.nextSiblingElement(c)) {
        if ("Entropy".equals(c.getLocalName())) {
          entropy = c;
        }
      }
      byte[] serverEntropy =
          Base64.getDecoder().decode(Dom.text(firstDescendant(entropy, "BinarySecret")));
      // WS-Trust 1.3 section 4.4.2: P_SHA1(requestor entropy, issuer entropy), 256 bits.
      secret = PHash.P_SHA1.derive(SecretBytes.copyOf(clientEntropy), serverEntropy, 0, 32);
    }
    contexts.put(id, secret);
  }

  static Element firstDescendant(Element root, String localName) {
    if (root == null) {
      return null;
    }
    var list = root.getElementsByTagNameNS("*", localName);
    return list.getLength() == 0 ? null : (Element) list.item(0);
  }

  static Instant created(byte[] message) throws Exception {
    Document d = XML.parse(message);
    Element c = (Element) d.getElementsByTagNameNS(Ns.WSU, "Created").item(0);
    return Instant.parse(Dom.text(c));
  }

  static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format(Locale.ROOT, "%02x", x));
    }
    return sb.toString();
  }
}
