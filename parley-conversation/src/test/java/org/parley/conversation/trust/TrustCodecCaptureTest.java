package org.parley.conversation.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.parley.conversation.sct.SecurityContextToken;
import org.parley.conversation.testing.Captures;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.addressing.AddressingVersion;
import org.w3c.dom.Element;

/** Every RST and RSTR CXF 4.1.5 sent in shared/peer-captures, read with the values seen. */
class TrustCodecCaptureTest {
  private static final TrustCodec CXF = TrustCodec.create(TrustLimits.DEFAULT, TrustCompliance.CXF);
  private static final TrustCodec STRICT = TrustCodec.strict();

  static Element body(String folder, String file) throws Exception {
    return Captures.bodyChild(
        Captures.parseDecrypted(
            Captures.captures().resolve(folder).resolve("decrypted").resolve(file)));
  }

  @TestFactory
  Stream<DynamicTest> everyCapturedTrustMessage_reads() throws Exception {
    List<Path> files;
    try (Stream<Path> dirs = Files.list(Captures.captures())) {
      files =
          dirs.map(d -> d.resolve("decrypted"))
              .filter(Files::isDirectory)
              .flatMap(
                  d -> {
                    try {
                      return Files.list(d).toList().stream();
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .filter(p -> p.getFileName().toString().contains("rst"))
              .sorted()
              .toList();
    }
    assertThat(files).hasSize(24);
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getParent().getParent().getFileName() + "/" + f.getFileName(),
                    () -> {
                      Element e = Captures.bodyChild(Captures.parseDecrypted(f));
                      String name = f.getFileName().toString();
                      TrustVersion expected =
                          e.getNamespaceURI().equals(Ns.WST13)
                              ? TrustVersion.WS_TRUST_13
                              : TrustVersion.WS_TRUST_200502;
                      if (name.contains("rst-")) {
                        RequestSecurityToken rst = CXF.readRequest(e);
                        assertThat(rst.version()).isEqualTo(expected);
                        assertThat(name)
                            .contains(
                                switch (rst.requestType()) {
                                  case ISSUE -> "sct-request";
                                  case RENEW -> "renew-request";
                                  case CANCEL -> "cancel-request";
                                  case VALIDATE -> "never";
                                });
                      } else {
                        RequestSecurityTokenResponse r = CXF.readResponse(e);
                        assertThat(r.version()).isEqualTo(expected);
                        assertThat(r.tokenCancelled()).isEqualTo(name.contains("cancel"));
                      }
                    }));
  }

  @Test
  void wsTrust13_issueRequest_valuesAsCaptured() throws Exception {
    RequestSecurityToken rst = STRICT.readRequest(body("sc13", "01-rst-sct-request.xml"));
    assertThat(rst.version()).isEqualTo(TrustVersion.WS_TRUST_13);
    assertThat(rst.requestType()).isEqualTo(RequestType.ISSUE);
    assertThat(rst.action()).isEqualTo("http://docs.oasis-open.org/ws-sx/ws-trust/200512/RST/SCT");
    assertThat(rst.tokenType())
        .contains("http://docs.oasis-open.org/ws-sx/ws-secureconversation/200512/sct");
    assertThat(rst.appliesTo())
        .contains(new AppliesTo("http://127.0.0.1:33605/sc13", Ns.WSP15, AddressingVersion.WSA_10));
    assertThat(rst.lifetime())
        .contains(
            new Lifetime(
                Instant.parse("2026-11-23T03:02:14.158Z"),
                Instant.parse("2026-11-23T03:07:14.158Z")));
    assertThat(rst.keySizeBits()).hasValue(256);
    assertThat(rst.renewing()).isTrue();
    assertThat(rst.computedKeyAlgorithm())
        .contains("http://docs.oasis-open.org/ws-sx/ws-trust/200512/CK/PSHA1");
    BinarySecret nonce = rst.entropy().orElseThrow().binarySecret().orElseThrow();
    assertThat(nonce.type()).isEqualTo(BinarySecret.Type.NONCE);
    assertThat(
            nonce
                .value()
                .equalsConstantTime(
                    Base64.getDecoder().decode("AnHmnKe64SpEgYt2iI/nsDaMQy0lZOz/k+H1m9o3wVA=")))
        .isTrue();
    assertThat(rst.target()).isEmpty();
  }

  @Test
  void wsTrust13_issueResponse_inCollection_valuesAsCaptured() throws Exception {
    Element e = body("sc13", "02-rstr-sct-response.xml");
    assertThat(e.getLocalName()).isEqualTo("RequestSecurityTokenResponseCollection");
    RequestSecurityTokenResponse r = STRICT.readResponse(e);
    SecurityContextToken sct = r.requestedToken().orElseThrow();
    assertThat(sct.version()).isEqualTo(TrustVersion.WS_TRUST_13);
    assertThat(sct.identifier()).isEqualTo("uuid:deb77e89-1e1c-4d82-8485-2c8685a2d0fe");
    assertThat(sct.wsuId()).contains("sctId-ca494297-fc31-4876-b00b-33d28d69b2e0");
    assertThat(sct.instance()).isEmpty();
    assertThat(sct.isCookie()).isFalse();
    assertThat(r.attachedReference())
        .contains(ContextTokenReference.toLocalId("sctId-ca494297-fc31-4876-b00b-33d28d69b2e0"));
    assertThat(r.unattachedReference())
        .contains(ContextTokenReference.toIdentifier("uuid:deb77e89-1e1c-4d82-8485-2c8685a2d0fe"));
    assertThat(r.lifetime().orElseThrow().expires())
        .isEqualTo(Instant.parse("2026-11-23T03:07:16.039Z"));
    assertThat(r.proofToken().orElseThrow().kind()).isEqualTo(ProofToken.Kind.COMPUTED_KEY);
    assertThat(r.entropy().orElseThrow().binarySecret().orElseThrow().value().lengthBytes())
        .isEqualTo(32);
    assertThat(r.tokenCancelled()).isFalse();
  }

  @Test
  void wsTrust200502_issueExchange_bareResponse_valuesAsCaptured() throws Exception {
    RequestSecurityToken rst = STRICT.readRequest(body("sc200502", "01-rst-sct-request.xml"));
    assertThat(rst.version()).isEqualTo(TrustVersion.WS_TRUST_200502);
    assertThat(rst.tokenType()).contains("http://schemas.xmlsoap.org/ws/2005/02/sc/sct");
    assertThat(rst.appliesTo().orElseThrow().policyNamespace()).isEqualTo(Ns.WSP15);
    assertThat(rst.computedKeyAlgorithm())
        .contains("http://schemas.xmlsoap.org/ws/2005/02/trust/CK/PSHA1");
    Element e = body("sc200502", "02-rstr-sct-response.xml");
    assertThat(e.getLocalName()).isEqualTo("RequestSecurityTokenResponse");
    RequestSecurityTokenResponse r = STRICT.readResponse(e);
    assertThat(r.requestedToken().orElseThrow().version()).isEqualTo(TrustVersion.WS_TRUST_200502);
    assertThat(r.requestedToken().orElseThrow().identifier())
        .isEqualTo("uuid:dbaf5cd0-0fe0-4cab-af7c-49d02c6ae5b5");
  }

  @Test
  void cancel_inlineSctTarget_andCancelledResponse() throws Exception {
    RequestSecurityToken rst = STRICT.readRequest(body("sc13", "09-rst-cancel-request.xml"));
    assertThat(rst.requestType()).isEqualTo(RequestType.CANCEL);
    assertThat(rst.action())
        .isEqualTo("http://docs.oasis-open.org/ws-sx/ws-trust/200512/RST/SCT/Cancel");
    ContextTokenReference t = rst.target().orElseThrow();
    assertThat(t.kind()).isEqualTo(ContextTokenReference.Kind.INLINE);
    assertThat(t.contextIdentifier()).contains("uuid:deb77e89-1e1c-4d82-8485-2c8685a2d0fe");
    assertThat(STRICT.readResponse(body("sc13", "10-rstr-cancel-response.xml")).tokenCancelled())
        .isTrue();
    assertThat(
            STRICT.readResponse(body("sc200502", "10-rstr-cancel-response.xml")).tokenCancelled())
        .isTrue();
  }

  @Test
  void renew13_instanceAndProofKey() throws Exception {
    RequestSecurityToken rst =
        STRICT.readRequest(body("sc13-renew", "05-rst-renew-request-after-expiry.xml"));
    assertThat(rst.requestType()).isEqualTo(RequestType.RENEW);
    assertThat(rst.target().orElseThrow().contextIdentifier())
        .contains("uuid:81e27c86-028c-4b4d-93e6-792dcb72e22f");
    RequestSecurityTokenResponse r =
        CXF.readResponse(body("sc13-renew", "06-rstr-renew-response-after-expiry.xml"));
    assertThat(r.requestedToken().orElseThrow().instance())
        .contains("Gde90689f-41fa-4c9d-81ec-4e3c8bfafadb");
    assertThat(r.unattachedReference())
        .contains(
            ContextTokenReference.toInstance(
                    "uuid:81e27c86-028c-4b4d-93e6-792dcb72e22f",
                    "Gde90689f-41fa-4c9d-81ec-4e3c8bfafadb")
                .withoutValueType());
    assertThat(r.proofToken().orElseThrow().binarySecret().orElseThrow().value().lengthBytes())
        .isEqualTo(32);
  }

  @Test
  void renewProofKeyTypedNonce_strict_refusedNamingDeviation() throws Exception {
    Element e = body("sc13-renew", "06-rstr-renew-response-after-expiry.xml");
    assertThatThrownBy(() -> STRICT.readResponse(e))
        .isInstanceOf(ParleyFault.class)
        .hasMessageContaining("NONCE_TYPED_PROOF_KEY");
  }

  @Test
  void feb2005RenewResponseWithSc13Token_acceptedOnlyUnderNamedDeviation() throws Exception {
    Element e = body("sc200502-renew", "06-rstr-renew-response-after-expiry.xml");
    RequestSecurityTokenResponse r = CXF.readResponse(e);
    assertThat(r.version()).isEqualTo(TrustVersion.WS_TRUST_200502);
    assertThat(r.requestedToken().orElseThrow().version()).isEqualTo(TrustVersion.WS_TRUST_13);
    TrustCodec onlyNonce =
        TrustCodec.create(
            TrustLimits.DEFAULT,
            TrustCompliance.allowing(
                java.util.Set.of(TrustCompliance.Deviation.NONCE_TYPED_PROOF_KEY)));
    assertThatThrownBy(() -> onlyNonce.readResponse(e))
        .isInstanceOf(ParleyFault.class)
        .hasMessageContaining("SC13_TOKEN_IN_FEB2005_EXCHANGE")
        .extracting(f -> ((ParleyFault) f).code())
        .isEqualTo(FaultCode.TRUST_INVALID_REQUEST);
    Element cancel = body("sc200502-renew", "11-rst-cancel-request.xml");
    assertThatThrownBy(() -> STRICT.readRequest(cancel))
        .hasMessageContaining("SC13_TOKEN_IN_FEB2005_EXCHANGE");
    assertThat(CXF.readRequest(cancel).target().orElseThrow().token().orElseThrow().instance())
        .contains("G70b8c3ce-6e2d-4975-bb26-5009dc8d3740");
  }
}
