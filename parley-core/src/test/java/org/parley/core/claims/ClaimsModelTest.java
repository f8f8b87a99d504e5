package org.parley.core.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimsModelTest {
  private static final String SAML2 =
      "http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0";

  @Test
  void claim_defaults_stringValueType_localAuthority_originalIssuerFollowsIssuer() {
    Claim c = Claim.of(ClaimTypes.NAME, "alice");
    assertThat(c.valueType()).isEqualTo(ClaimTypes.VALUE_TYPE_STRING);
    assertThat(c.issuer()).isEqualTo(Claim.DEFAULT_ISSUER);
    assertThat(c.originalIssuer()).isEqualTo(Claim.DEFAULT_ISSUER);

    Claim issued = Claim.builder(ClaimTypes.NAME, "alice").issuer("https://sts.example").build();
    assertThat(issued.originalIssuer()).isEqualTo("https://sts.example");
    Claim forwarded = issued.toBuilder().issuer("https://rp-sts.example").build();
    assertThat(forwarded.originalIssuer()).isEqualTo("https://sts.example");
  }

  @Test
  void claim_blankTypeOrIssuer_orNullValue_rejectedNamingTheField() {
    assertThatThrownBy(() -> Claim.of(" ", "v")).hasMessageContaining("type");
    assertThatThrownBy(() -> Claim.of("t", null)).hasMessageContaining("value");
    assertThatThrownBy(() -> Claim.builder("t", "v").issuer("")).hasMessageContaining("issuer");
    assertThat(Claim.of("t", "").value()).isEmpty();
  }

  @Test
  void claim_equality_onAllFiveValues() {
    Claim a = Claim.builder("t", "v").issuer("i").originalIssuer("o").valueType("x").build();
    assertThat(a).isEqualTo(a.toBuilder().build()).hasSameHashCodeAs(a.toBuilder().build());
    assertThat(a).isNotEqualTo(a.toBuilder().issuer("j").originalIssuer("o").build());
    assertThat(a).isNotEqualTo(a.toBuilder().originalIssuer("p").build());
    assertThat(a).isNotEqualTo(a.toBuilder().valueType("y").build());
    assertThat(a)
        .isNotEqualTo(
            Claim.builder("t", "w").issuer("i").originalIssuer("o").valueType("x").build());
  }

  @Test
  void claim_toString_omitsValue() {
    assertThat(Claim.of(ClaimTypes.EMAIL, "alice@example.org").toString())
        .doesNotContain("alice@example.org");
  }

  @Test
  void identity_keepsClaimOrder_andFindsTypesIgnoringCase_asWif() {
    ClaimsIdentity id =
        ClaimsIdentity.builder()
            .authenticationType("X509")
            .addClaim(ClaimTypes.ROLE, "b")
            .addClaim(ClaimTypes.NAME, "alice")
            .addClaim(ClaimTypes.ROLE, "a")
            .build();
    assertThat(id.claims()).extracting(Claim::value).containsExactly("b", "alice", "a");
    assertThat(id.findAll(ClaimTypes.ROLE.toUpperCase(java.util.Locale.ROOT)))
        .extracting(Claim::value)
        .containsExactly("b", "a");
    assertThat(id.name()).contains("alice");
    assertThat(id.isInRole("a")).isTrue();
    assertThat(id.isInRole("A")).as("values compare exactly").isFalse();
    assertThat(id.hasClaim(ClaimTypes.NAME, "alice")).isTrue();
    assertThat(id.isAuthenticated()).isTrue();
    assertThat(id.claims()).isUnmodifiable();
  }

  @Test
  void identity_customNameAndRoleClaimTypes_areUsedByNameAndIsInRole() {
    ClaimsIdentity id =
        ClaimsIdentity.builder()
            .nameClaimType("upn")
            .roleClaimType("group")
            .addClaim(ClaimTypes.NAME, "not-this")
            .addClaim("upn", "alice@corp")
            .addClaim(ClaimTypes.ROLE, "admin")
            .addClaim("group", "staff")
            .build();
    assertThat(id.name()).contains("alice@corp");
    assertThat(id.isInRole("staff")).isTrue();
    assertThat(id.isInRole("admin")).isFalse();
  }

  @Test
  void identity_withoutAuthenticationType_isAnonymous() {
    ClaimsIdentity id = ClaimsIdentity.builder().build();
    assertThat(id.isAuthenticated()).isFalse();
    assertThat(id.authenticationType()).isEmpty();
    assertThat(id.name()).isEmpty();
  }

  @Test
  void identity_builderChangesAfterBuild_doNotReachBuiltIdentity() {
    ClaimsIdentity.Builder b = ClaimsIdentity.builder().addClaim("t", "1");
    ClaimsIdentity first = b.build();
    b.addClaim("t", "2");
    assertThat(first.claims()).hasSize(1);
    assertThat(b.build().claims()).hasSize(2);
  }

  @Test
  void identity_actorChain_atMaxDepth_accepted_onePast_rejectedNamingTheBound() {
    ClaimsIdentity chain = ClaimsIdentity.builder().addClaim("t", "0").build();
    for (int i = 1; i < ClaimsIdentity.MAX_ACTOR_DEPTH; i++) {
      chain = ClaimsIdentity.builder().actor(chain).build();
    }
    ClaimsIdentity atMax = ClaimsIdentity.builder().actor(chain).build();
    assertThat(atMax.actorDepth()).isEqualTo(ClaimsIdentity.MAX_ACTOR_DEPTH);

    assertThatThrownBy(() -> ClaimsIdentity.builder().actor(atMax))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MAX_ACTOR_DEPTH");
  }

  @Test
  void identity_equality_includesActorAndBootstrapToken() {
    BootstrapToken t = BootstrapToken.of(SAML2, bytes("<Assertion/>"));
    ClaimsIdentity actor = ClaimsIdentity.builder().addClaim(ClaimTypes.NAME, "svc").build();
    ClaimsIdentity a =
        ClaimsIdentity.builder()
            .authenticationType("Federation")
            .addClaim(ClaimTypes.NAME, "alice")
            .actor(actor)
            .bootstrapToken(t)
            .build();
    ClaimsIdentity same = a.toBuilder().build();
    assertThat(a).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(a)
        .isNotEqualTo(
            a.toBuilder().bootstrapToken(BootstrapToken.of(SAML2, bytes("<Assertion />"))).build());
    assertThat(a)
        .isNotEqualTo(
            a.toBuilder()
                .actor(ClaimsIdentity.builder().addClaim(ClaimTypes.NAME, "other").build())
                .build());
    assertThat(a).isNotEqualTo(a.toBuilder().authenticationType("X509").build());
    assertThat(a).isNotEqualTo(a.toBuilder().removeClaims(ClaimTypes.NAME).build());
  }

  @Test
  void bootstrapToken_copiesInAndOut_comparesByContent_hidesItInToString() {
    byte[] raw = bytes("<saml:Assertion ID='secret-assertion'/>");
    BootstrapToken t = BootstrapToken.of(SAML2, raw);
    raw[0] = 'X';
    assertThat(t.serializedForm()[0]).isEqualTo((byte) '<');
    t.serializedForm()[1] = 'Y';
    assertThat(t.serializedForm()[1]).isEqualTo((byte) 's');

    assertThat(t)
        .isEqualTo(BootstrapToken.of(SAML2, bytes("<saml:Assertion ID='secret-assertion'/>")));
    assertThat(t).isNotEqualTo(BootstrapToken.of("urn:other", t.serializedForm()));
    assertThat(t.toString())
        .doesNotContain("secret-assertion")
        .contains(t.lengthBytes() + " bytes");
    assertThatThrownBy(() -> BootstrapToken.of(SAML2, new byte[0]))
        .hasMessageContaining("serialized");
  }

  @Test
  void principal_keepsIdentityOrder_primaryIsFirst_searchesAllIdentities() {
    ClaimsIdentity cert =
        ClaimsIdentity.builder()
            .authenticationType("X509")
            .addClaim(ClaimTypes.NAME, "CN=alice")
            .build();
    ClaimsIdentity password =
        ClaimsIdentity.builder()
            .authenticationType("Password")
            .roleClaimType("group")
            .addClaim(ClaimTypes.NAME, "alice")
            .addClaim("group", "admins")
            .build();
    ClaimsPrincipal p = ClaimsPrincipal.of(cert, password);

    assertThat(p.identities()).containsExactly(cert, password);
    assertThat(p.primaryIdentity()).contains(cert);
    assertThat(p.isAuthenticated()).isTrue();
    assertThat(p.findAll(ClaimTypes.NAME))
        .extracting(Claim::value)
        .containsExactly("CN=alice", "alice");
    assertThat(p.findFirst(ClaimTypes.NAME).map(Claim::value)).contains("CN=alice");
    assertThat(p.hasClaim(ClaimTypes.NAME, "alice")).isTrue();
    assertThat(p.isInRole("admins")).isTrue();
    assertThat(p.isInRole("users")).isFalse();
    assertThat(p.claims()).hasSize(3);
    assertThat(p).isEqualTo(ClaimsPrincipal.of(cert, password));
    assertThat(p).isNotEqualTo(ClaimsPrincipal.of(password, cert));
  }

  @Test
  void principal_anonymous_hasNoIdentity_andIsNotAuthenticated() {
    ClaimsPrincipal p = ClaimsPrincipal.anonymous();
    assertThat(p.identities()).isEmpty();
    assertThat(p.primaryIdentity()).isEmpty();
    assertThat(p.isAuthenticated()).isFalse();
    assertThat(p.isInRole("x")).isFalse();
  }

  @Test
  void principal_identityCount_boundedNamingTheSetting() {
    ClaimsPrincipal.Builder b = ClaimsPrincipal.builder();
    ClaimsIdentity id = ClaimsIdentity.builder().build();
    for (int i = 0; i < ClaimsPrincipal.Builder.MAX_IDENTITIES; i++) {
      b.addIdentity(id);
    }
    assertThat(b.build().identities()).hasSize(ClaimsPrincipal.Builder.MAX_IDENTITIES);
    assertThatThrownBy(() -> b.addIdentity(id)).hasMessageContaining("MAX_IDENTITIES");
  }

  @Test
  void model_isNotJavaSerializable() {
    for (Class<?> c :
        List.of(Claim.class, ClaimsIdentity.class, ClaimsPrincipal.class, BootstrapToken.class)) {
      assertThat(Serializable.class.isAssignableFrom(c)).as(c.getName()).isFalse();
      assertThat(java.lang.reflect.Modifier.isFinal(c.getModifiers())).as(c.getName()).isTrue();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
