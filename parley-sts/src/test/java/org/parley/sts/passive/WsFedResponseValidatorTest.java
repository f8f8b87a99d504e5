package org.parley.sts.passive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parley.core.claims.Claim;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.core.store.memory.InMemoryReplayCache;
import org.parley.core.testing.MutableClock;
import org.parley.sts.SamlTokenIssuer;
import org.parley.sts.saml.SamlAssertion;
import org.parley.sts.saml.SamlAssertionValidator;
import org.parley.sts.saml.SamlRejectedException;
import org.parley.sts.saml.SigningCredential;
import org.parley.sts.testing.TestKeys;
import org.parley.sts.users.PasswordHash;
import org.parley.sts.users.StoredUser;
import org.parley.wire.Ns;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The wresult envelope around the assertion (WS-Federation 1.2 section 13.2.2). */
class WsFedResponseValidatorTest {
  static final String ISSUER = "https://sts.example/sts";
  static final String REALM = "https://rp.example/app/";
  static final SigningCredential STS = TestKeys.credential("parley wsfed unit sts");
  static final StoredUser ALICE =
      StoredUser.of(
          "alice",
          PasswordHash.parse(
              "pbkdf2-sha256$600000$AAAAAAAAAAAAAAAAAAAAAA==$"
                  + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
          java.util.List.of(Claim.of(ClaimTypes.ROLE, "reader")));

  final MutableClock clock = MutableClock.atDefaultStart();
  final SamlTokenIssuer issuer = new SamlTokenIssuer(STS, ISSUER, clock, Duration.ofMinutes(10));

  WsFedResponseValidator validator() {
    return WsFedResponseValidator.of(
        SamlAssertionValidator.builder()
            .trustIssuer(ISSUER, STS.certificate())
            .audience(REALM)
            .clock(clock)
            .replayCache(InMemoryReplayCache.builder().clock(clock).build())
            .build());
  }

  Document rstr(String realm) {
    Document doc = HardenedXml.newEmptyDocument();
    doc.appendChild(issuer.issue(doc, ALICE, realm, SamlAssertion.AC_PASSWORD_PROTECTED_TRANSPORT));
    return doc;
  }

  static String str(Document d) {
    return new String(XmlWriter.toBytes(d.getDocumentElement()), StandardCharsets.UTF_8);
  }

  @Test
  void rstr_withOneSignedAssertion_isAccepted() throws Exception {
    assertThat(validator().validate(str(rstr(REALM))).primaryIdentity().orElseThrow().name())
        .contains("alice");
  }

  @Test
  void twoAssertionsInRequestedSecurityToken_areRefused() throws Exception {
    Document d = rstr(REALM);
    Element rst = (Element) d.getElementsByTagNameNS(Ns.WST13, "RequestedSecurityToken").item(0);
    rst.appendChild(rst.getFirstChild().cloneNode(true));
    ParleyFault e = assertThrows(ParleyFault.class, () -> validator().validate(str(d)));
    assertThat(e.code()).isEqualTo(FaultCode.TRUST_INVALID_REQUEST);
  }

  @Test
  void assertionForAnotherRealm_isRefusedByAudience() {
    SamlRejectedException e =
        assertThrows(
            SamlRejectedException.class,
            () -> validator().validate(str(rstr("https://other.example/app/"))));
    assertThat(e.reason()).isEqualTo(SamlRejectedException.Reason.AUDIENCE);
  }

  @Test
  void notXml_isInvalidRequest() {
    ParleyFault e = assertThrows(ParleyFault.class, () -> validator().validate("<!DOCTYPE x><x/>"));
    assertThat(e.code()).isEqualTo(FaultCode.TRUST_INVALID_REQUEST);
  }
}
