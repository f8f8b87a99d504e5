package org.parley.conversation.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generic (any token type) actions, key types and status codes of both WS-Trust versions,
 * against the URIs printed in the specifications: WS-Trust 1.3 (ws-trust-1.3-spec-os) sections 4.1,
 * 4.3, 4.4.1, 5, 6, 7 and WS-Trust February 2005 sections 6 to 9.
 */
class TrustVersionActionsTest {
  static final String W13 = "http://docs.oasis-open.org/ws-sx/ws-trust/200512";
  static final String FEB = "http://schemas.xmlsoap.org/ws/2005/02/trust";

  @Test
  void wstrust13_requestAndFinalResponseActions_sections4to7() {
    TrustVersion v = TrustVersion.WS_TRUST_13;
    assertThat(v.genericRequestAction(RequestType.ISSUE)).isEqualTo(W13 + "/RST/Issue");
    assertThat(v.finalResponseAction(RequestType.ISSUE)).isEqualTo(W13 + "/RSTRC/IssueFinal");
    assertThat(v.genericRequestAction(RequestType.RENEW)).isEqualTo(W13 + "/RST/Renew");
    assertThat(v.finalResponseAction(RequestType.RENEW)).isEqualTo(W13 + "/RSTR/RenewFinal");
    assertThat(v.finalResponseAction(RequestType.CANCEL)).isEqualTo(W13 + "/RSTR/CancelFinal");
    assertThat(v.genericRequestAction(RequestType.VALIDATE)).isEqualTo(W13 + "/RST/Validate");
    assertThat(v.finalResponseAction(RequestType.VALIDATE)).isEqualTo(W13 + "/RSTR/ValidateFinal");
  }

  @Test
  void feb2005_responseActionsAreTheRstrOnes() {
    TrustVersion v = TrustVersion.WS_TRUST_200502;
    assertThat(v.genericRequestAction(RequestType.CANCEL)).isEqualTo(FEB + "/RST/Cancel");
    assertThat(v.finalResponseAction(RequestType.ISSUE)).isEqualTo(FEB + "/RSTR/Issue");
    assertThat(v.finalResponseAction(RequestType.VALIDATE)).isEqualTo(FEB + "/RSTR/Validate");
  }

  @Test
  void forGenericRequestAction_findsVersionAndType_andNotTheSctActions() {
    assertThat(TrustVersion.forGenericRequestAction(FEB + "/RST/Renew"))
        .contains(Map.entry(TrustVersion.WS_TRUST_200502, RequestType.RENEW));
    assertThat(TrustVersion.forGenericRequestAction(W13 + "/RST/SCT")).isEmpty();
    assertThat(TrustVersion.forGenericRequestAction(null)).isEmpty();
  }

  @Test
  void keyTypesAndStatus_section4_4_1_and_7() {
    assertThat(TrustVersion.WS_TRUST_13.keyTypeBearer()).isEqualTo(W13 + "/Bearer");
    assertThat(TrustVersion.WS_TRUST_200502.keyTypeBearer())
        .isEqualTo("http://schemas.xmlsoap.org/ws/2005/05/identity/NoProofKey");
    assertThat(TrustVersion.WS_TRUST_13.statusTokenType()).isEqualTo(W13 + "/RSTR/Status");
    assertThat(TrustVersion.WS_TRUST_13.statusValid()).isEqualTo(W13 + "/status/valid");
    assertThat(TrustVersion.WS_TRUST_200502.statusInvalid()).isEqualTo(FEB + "/status/invalid");
  }
}
