package org.parley.reliable.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Seeded mutations of valid WS-RM messages: the codec answers every one with a value or a
 * ParleyFault, never another exception (every byte of a peer's message is hostile).
 */
class RmCodecFuzzTest {
  static final HardenedXml XML = HardenedXml.create(XmlLimits.DEFAULT);
  static final RmCodec CODEC = RmCodec.create(RmLimits.DEFAULT);
  static final int ROUNDS = 1500;
  static final String ALPHABET = "<>/=\"' 0123456789-:aZ";

  static byte[] sample(RmVersion v) {
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
    String id = "urn:uuid:0b1c2d3e-4f50-4617-8899-aabbccddeeff";
    b.addHeaderBlock(CODEC.write(b.document(), new SequenceHeader(v, id, 7, false)), true);
    b.addHeaderBlock(
        CODEC.write(
            b.document(),
            new SequenceAcknowledgement(
                v, id, List.of(new AckRange(1, 3), new AckRange(5, 6)), List.of(), false, false)));
    b.addHeaderBlock(
        CODEC.write(b.document(), SequenceControl.of(SequenceControl.Kind.ACK_REQUESTED, v, id)));
    String anon = v.addressing().anonymousUri();
    b.addBodyContent(
        CODEC.write(
            b.document(),
            new CreateSequence(
                v,
                anon,
                null,
                new CreateSequence.Offer(v, "urn:o:1", v == RmVersion.WSRM_12 ? anon : null, null),
                null)));
    return XmlWriter.toBytes(b.build().document());
  }

  @Test
  void mutatedMessages_giveValueOrParleyFault_never_anotherException() {
    SplittableRandom r = new SplittableRandom(6);
    int parsed = 0;
    for (RmVersion v : RmVersion.values()) {
      byte[] good = sample(v);
      for (int i = 0; i < ROUNDS; i++) {
        byte[] bad = good.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
          int at = r.nextInt(bad.length);
          bad[at] = (byte) ALPHABET.charAt(r.nextInt(ALPHABET.length()));
        }
        Document d;
        try {
          d = XML.parse(bad);
        } catch (ParleyFault notXml) {
          continue;
        }
        parsed++;
        try {
          SoapEnvelope env = SoapEnvelope.of(d);
          CODEC.readHeaders(env);
          Element body = env.bodyPayload();
          if (body != null && "CreateSequence".equals(body.getLocalName())) {
            CODEC.readCreateSequence(body);
          }
        } catch (ParleyFault expected) {
          // refused with a fault: fine
        }
      }
    }
    // The mutations must reach the codec, not only the XML parser.
    assertThat(parsed).isGreaterThan(ROUNDS / 4);
    assertThat(new String(sample(RmVersion.WSRM_12), StandardCharsets.UTF_8))
        .contains("SequenceAcknowledgement");
  }
}
