package org.parley.wire.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.addressing.AddressingHeaders;
import org.parley.wire.fault.SoapFaultReader;
import org.parley.wire.testing.SharedFiles;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;

/**
 * Mutation fuzzing of the inbound chain (parse, envelope, addressing, fault reader): whatever the
 * bytes, the only outcomes are a result or a {@link ParleyFault}, never another exception.
 */
class SoapParsingFuzzTest {
  private static final HardenedXml XML = HardenedXml.create(XmlLimits.DEFAULT);
  private static final byte[][] TOKENS = {
    "<".getBytes(StandardCharsets.UTF_8),
    ">".getBytes(StandardCharsets.UTF_8),
    "\"".getBytes(StandardCharsets.UTF_8),
    ":".getBytes(StandardCharsets.UTF_8),
    "&".getBytes(StandardCharsets.UTF_8),
    "<!DOCTYPE x>".getBytes(StandardCharsets.UTF_8),
    " xmlns=\"\"".getBytes(StandardCharsets.UTF_8),
    "</soap:Body>".getBytes(StandardCharsets.UTF_8),
    "<soap:Header/>".getBytes(StandardCharsets.UTF_8),
    "<soap:Fault>".getBytes(StandardCharsets.UTF_8),
    " soap:mustUnderstand=\"maybe\"".getBytes(StandardCharsets.UTF_8),
    "<Action xmlns=\"http://www.w3.org/2005/08/addressing\">a</Action>"
        .getBytes(StandardCharsets.UTF_8),
  };

  @Test
  void mutatedCaptures_yieldResultOrParleyFault_only() throws Exception {
    List<Path> seeds =
        List.of(
            SharedFiles.peerCaptures().resolve("sc13/03-app-request.xml"),
            SharedFiles.peerCaptures().resolve("sc13/04-app-response.xml"),
            SharedFiles.peerCaptures().resolve("sc13/12-soap-fault-after-cancel.xml"));
    Random random = new Random(20261123L); // fixed seed: a failure reproduces
    int parsed = 0;
    for (Path seed : seeds) {
      byte[] original = Files.readAllBytes(seed);
      for (int i = 0; i < 700; i++) {
        byte[] mutated = mutate(original, random);
        try {
          SoapEnvelope env = SoapEnvelope.of(XML.parse(mutated));
          env.notUnderstood(Set.of());
          AddressingHeaders.read(env);
          if (env.isFault()) {
            SoapFaultReader.read(env);
          }
          parsed++;
        } catch (ParleyFault expected) {
          // rejected, as it may be
        } catch (RuntimeException e) {
          throw new AssertionError(
              "unexpected " + e + " for mutation " + i + " of " + seed.getFileName(), e);
        }
      }
    }
    assertThat(parsed).as("some mutations still parse, so later stages are exercised").isPositive();
  }

  private static byte[] mutate(byte[] in, Random r) {
    byte[] out = in;
    int n = 1 + r.nextInt(3);
    for (int k = 0; k < n; k++) {
      int pos = r.nextInt(out.length);
      switch (r.nextInt(4)) {
        case 0 -> {
          out = out.clone();
          out[pos] = (byte) r.nextInt(256);
        }
        case 1 -> {
          byte[] t = TOKENS[r.nextInt(TOKENS.length)];
          byte[] b = new byte[out.length + t.length];
          System.arraycopy(out, 0, b, 0, pos);
          System.arraycopy(t, 0, b, pos, t.length);
          System.arraycopy(out, pos, b, pos + t.length, out.length - pos);
          out = b;
        }
        case 2 -> {
          int len = Math.min(out.length - pos, 1 + r.nextInt(40));
          byte[] b = new byte[out.length - len];
          System.arraycopy(out, 0, b, 0, pos);
          System.arraycopy(out, pos + len, b, pos, out.length - pos - len);
          out = b.length == 0 ? out : b;
        }
        default -> {
          int len = Math.min(out.length - pos, 1 + r.nextInt(60));
          byte[] b = new byte[out.length + len];
          System.arraycopy(out, 0, b, 0, pos + len);
          System.arraycopy(out, pos, b, pos + len, out.length - pos);
          out = b;
        }
      }
    }
    return out;
  }
}
