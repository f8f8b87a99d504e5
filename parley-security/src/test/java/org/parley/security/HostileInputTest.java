package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Every byte is hostile: mutated, truncated and self-referencing messages end in a typed {@link
 * ParleyFault}, never in another exception, a hang or a stack overflow.
 */
class HostileInputTest {
  @Test
  void mutatedMessages_alwaysEndInParleyFaultOrVerify() throws Exception {
    SecurityPolicy policy =
        RoundTripTest.policy(
            AlgorithmSuite.BASIC256, RoundTripTest.Order.SIGN_THEN_ENCRYPT_SIGNATURE, true);
    byte[] wire = RoundTripTest.protect(policy, true);
    InboundProcessor in = RoundTripTest.inbound(policy, RoundTripTest.CLOCK);
    Random random = new Random(20261123L); // fixed seed: a reproducible sweep, not a secret
    int faults = 0;
    for (int i = 0; i < 600; i++) {
      byte[] m = wire.clone();
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int pos = random.nextInt(m.length);
        m[pos] = (byte) (32 + random.nextInt(95));
      }
      if (random.nextInt(10) == 0) {
        m = java.util.Arrays.copyOf(m, random.nextInt(m.length));
      }
      try {
        in.process(m);
      } catch (ParleyFault f) {
        faults++;
      }
    }
    assertThat(faults).isGreaterThan(300);
  }

  @Test
  void removingOrEmptyingAnyElement_endsInParleyFault() throws Exception {
    SecurityPolicy policy =
        RoundTripTest.policy(
            AlgorithmSuite.BASIC256, RoundTripTest.Order.SIGN_THEN_ENCRYPT_SIGNATURE, false);
    byte[] wire = RoundTripTest.protect(policy, false);
    InboundProcessor in = RoundTripTest.inbound(policy, RoundTripTest.CLOCK);
    int count = Messages.XML.parse(wire).getElementsByTagName("*").getLength();
    for (int i = 1; i < count; i++) {
      for (int mode = 0; mode < 2; mode++) {
        Document d = Messages.XML.parse(wire);
        Element victim = (Element) d.getElementsByTagName("*").item(i);
        if (mode == 0) {
          victim.getParentNode().removeChild(victim);
        } else {
          while (victim.getFirstChild() != null) {
            victim.removeChild(victim.getFirstChild());
          }
        }
        byte[] m = XmlWriter.toBytes(d);
        try {
          in.process(m);
        } catch (ParleyFault expected) {
          // the point: a typed fault, nothing else
        }
      }
    }
    assertThat(count).isGreaterThan(20);
  }

  @Test
  void securityHeaderLimits_signaturesAndEncryptedKeys_areNamedWhenExceeded() throws Exception {
    SecurityPolicy policy =
        SecurityPolicy.newBuilder()
            .binding(SecurityPolicy.Binding.ASYMMETRIC)
            .derivedKeys(false)
            .build();
    byte[] wire =
        OutboundProtector.newBuilder()
            .policy(policy)
            .clock(RoundTripTest.CLOCK)
            .build()
            .protect(
                Messages.parse(Messages.soap12(64)),
                OutboundCredentials.x509(
                    TestKeys.CLIENT.key(), TestKeys.CLIENT.cert(), TestKeys.SERVICE.cert()))
            .bytes();
    InboundProcessor.Builder b =
        InboundProcessor.newBuilder()
            .policy(policy)
            .clock(RoundTripTest.CLOCK)
            .privateKeys(PrivateKeyResolver.of(TestKeys.SERVICE.cert(), TestKeys.SERVICE.key()))
            .certificateTrust(TestKeys.trust(RoundTripTest.CLOCK));
    VerifiedMessage ok = b.build().process(wire);
    assertThat(ok.isSigned(ok.body())).isTrue();
    expectMessage(
        b.securityHeaderLimits(SecurityHeaderLimits.newBuilder().maxEncryptedKeys(0).build()),
        wire,
        "maxEncryptedKeys=0");
    expectMessage(
        b.securityHeaderLimits(
            SecurityHeaderLimits.newBuilder().maxReferencesPerSignature(1).build()),
        wire,
        "maxReferencesPerSignature=1");
  }

  static void expectMessage(InboundProcessor.Builder b, byte[] wire, String text) {
    try {
      b.build().process(wire);
      throw new AssertionError("accepted");
    } catch (ParleyFault f) {
      assertThat(f.getMessage()).contains(text);
    }
  }

  @Test
  void derivedKeyReferencingItself_isRejectedNotOverflowing() throws Exception {
    SecurityPolicy policy =
        RoundTripTest.policy(AlgorithmSuite.BASIC256, RoundTripTest.Order.SIGN_THEN_ENCRYPT, true);
    Document d = Messages.XML.parse(RoundTripTest.protect(policy, true));
    Element dkt = (Element) d.getElementsByTagNameNS(Ns.WSC13, "DerivedKeyToken").item(0);
    Element ref = Dom.firstChildElement(Dom.child(dkt, Ns.WSSE, "SecurityTokenReference"));
    ref.setAttribute("URI", "#" + dkt.getAttributeNS(Ns.WSU, "Id"));
    ParleyFault f = null;
    try {
      RoundTripTest.inbound(policy, RoundTripTest.CLOCK).process(XmlWriter.toBytes(d));
    } catch (ParleyFault e) {
      f = e;
    }
    assertThat(f).isNotNull();
    assertThat(f.code()).isEqualTo(FaultCode.SC_UNKNOWN_DERIVATION_SOURCE);
  }

  @Test
  void hugeSecurityHeader_isRejectedBeforeWork() throws Exception {
    SecurityPolicy policy =
        RoundTripTest.policy(AlgorithmSuite.BASIC256, RoundTripTest.Order.SIGN_THEN_ENCRYPT, true);
    String text = new String(RoundTripTest.protect(policy, true), StandardCharsets.UTF_8);
    String junk = "<wsse:BinarySecurityToken ValueType=\"x\">AAAA</wsse:BinarySecurityToken>";
    int at = text.indexOf("<wsu:Timestamp");
    String hostile = text.substring(0, at) + junk.repeat(200) + text.substring(at);
    try {
      RoundTripTest.inbound(policy, RoundTripTest.CLOCK)
          .process(hostile.getBytes(StandardCharsets.UTF_8));
      throw new AssertionError("accepted");
    } catch (ParleyFault f) {
      assertThat(f.getMessage()).contains("maxHeaderElements=100");
    }
  }
}
