package org.parley.conversation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.conversation.testing.Captures;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;

/** Hostile and unsupported policies fail fast, bounded, with a message naming the cause. */
class PolicyHostileTest {
  static final WsdlPolicyReader READER = WsdlPolicyReader.create(PolicyLimits.DEFAULT);

  static String sc13() throws Exception {
    return new String(
        XmlWriter.toBytes(Captures.parse(Captures.captures().resolve("wsdl/DoubleItSC13.wsdl"))),
        StandardCharsets.UTF_8);
  }

  static Document parse(String xml) throws Exception {
    return Captures.XML.parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void wsPolicy15_4_3_billionAlternatives_refusedBeforeExpansion() throws Exception {
    // 30 nested levels of All{ExactlyOne{a,b}, ...}: 2^30 alternatives in normal form.
    StringBuilder nest = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      nest.append("<wsp:ExactlyOne><sp:IncludeTimestamp/><sp:EncryptSignature/></wsp:ExactlyOne>");
    }
    String xml =
        sc13()
            .replace(
                "<sp:IncludeTimestamp/>", "<sp:IncludeTimestamp/><wsp:All>" + nest + "</wsp:All>");
    long start = System.nanoTime();
    assertThatThrownBy(() -> READER.read(parse(xml)))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("PolicyLimits.maxAlternatives (64)");
    // Generous: the point is that nothing exponential ran (2^30 lists would take minutes).
    assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
  }

  @Test
  void referenceFanOut_isBoundedByExpansionSteps() throws Exception {
    // L0..L5 each reference the next level 20 times: 20^6 expansions if followed naively, yet
    // every level has one alternative, so only the step count can stop it.
    StringBuilder levels = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      levels.append("<wsp:Policy wsu:Id=\"L").append(i).append("\">");
      levels.append(("<wsp:PolicyReference URI=\"#L" + (i + 1) + "\"/>").repeat(20));
      levels.append("</wsp:Policy>");
    }
    levels.append("<wsp:Policy wsu:Id=\"L6\"/>");
    String xml =
        sc13()
            .replace(
                "<wsp:Policy wsu:Id=\"SC13_Message_Policy\">",
                levels
                    + "<wsp:Policy wsu:Id=\"SC13_Message_Policy\"><wsp:PolicyReference"
                    + " URI=\"#L0\"/>");
    assertThatThrownBy(() -> READER.read(parse(xml)))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("PolicyLimits.maxExpansionSteps (20000)");
  }

  @Test
  void wsPolicy15_4_5_unknownMandatoryAssertion_isRefusedByName() throws Exception {
    String xml =
        sc13()
            .replaceFirst(
                "<sp:IncludeTimestamp/>",
                "<sp:IncludeTimestamp/><x:MustDoMagic xmlns:x=\"urn:example:magic\"/>");
    assertThatThrownBy(() -> READER.read(parse(xml)))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("unsupported policy assertion {urn:example:magic}MustDoMagic");
  }

  @Test
  void unknownIgnorableAssertion_isSkipped() throws Exception {
    String xml =
        sc13()
            .replaceFirst(
                "<sp:IncludeTimestamp/>",
                "<sp:IncludeTimestamp/><x:Hint xmlns:x=\"urn:example\" wsp:Ignorable=\"true\"/>");
    assertThat(READER.read(parse(xml)).conversation()).isPresent();
  }

  @Test
  void optionalUnknownAssertion_theAlternativeWithoutItIsChosen() throws Exception {
    String xml =
        sc13()
            .replaceFirst(
                "<sp:Wss11>", "<x:Extra xmlns:x=\"urn:example\" wsp:Optional=\"true\"/><sp:Wss11>");
    assertThat(READER.read(parse(xml)).conversation()).isPresent();
  }

  @Test
  void policyReferenceCycle_andMissingTarget_areRefused() throws Exception {
    String cycle =
        sc13()
            .replace(
                "<wsp:Policy wsu:Id=\"SC13_Message_Policy\">",
                "<wsp:Policy wsu:Id=\"SC13_Message_Policy\"><wsp:PolicyReference"
                    + " URI=\"#SC13_Message_Policy\"/>");
    assertThatThrownBy(() -> READER.read(parse(cycle))).hasMessageContaining("cycle");
    String missing = sc13().replace("URI=\"#SC13_Binding_Policy\"", "URI=\"#Nope\"");
    assertThatThrownBy(() -> READER.read(parse(missing)))
        .hasMessageContaining("#Nope names no wsp:Policy");
    String external =
        sc13().replace("URI=\"#SC13_Binding_Policy\"", "URI=\"http://evil.example/p\"");
    assertThatThrownBy(() -> READER.read(parse(external)))
        .hasMessageContaining("only same-document references");
  }

  @Test
  void unsupportedSuiteTransportBindingAndMissingBootstrap_areNamed() throws Exception {
    assertThatThrownBy(
            () -> READER.read(parse(sc13().replace("<sp:Basic256/>", "<sp:TripleDesRsa15/>"))))
        .hasMessageContaining("sp:AlgorithmSuite names none of");
    String noBootstrap = sc13().replaceAll("(?s)<sp:BootstrapPolicy>.*</sp:BootstrapPolicy>", "");
    assertThatThrownBy(() -> READER.read(parse(noBootstrap)))
        .hasMessageContaining("without sp:BootstrapPolicy");
    String plain =
        new String(
            XmlWriter.toBytes(
                Captures.parse(Captures.captures().resolve("wsdl/DoubleItPlain.wsdl"))),
            StandardCharsets.UTF_8);
    assertThatThrownBy(() -> READER.read(parse(plain)))
        .hasMessageContaining("no sp:SymmetricBinding or sp:AsymmetricBinding");
  }

  @Test
  void policyReferenceChainDeeperThanTheLimit_isRefusedNamingIt() throws Exception {
    String xml =
        sc13()
            .replace(
                "<wsp:Policy wsu:Id=\"SC13_Message_Policy\">",
                "<wsp:Policy wsu:Id=\"R1\"><wsp:PolicyReference URI=\"#R2\"/></wsp:Policy>"
                    + "<wsp:Policy wsu:Id=\"R2\"><wsp:PolicyReference URI=\"#R3\"/></wsp:Policy>"
                    + "<wsp:Policy wsu:Id=\"R3\"/>"
                    + "<wsp:Policy wsu:Id=\"SC13_Message_Policy\"><wsp:PolicyReference"
                    + " URI=\"#R1\"/>");
    assertThat(READER.read(parse(xml)).conversation()).isPresent();
    WsdlPolicyReader shallow =
        WsdlPolicyReader.create(PolicyLimits.newBuilder().maxReferenceDepth(3).build());
    assertThatThrownBy(() -> shallow.read(parse(xml)))
        .hasMessageContaining("PolicyLimits.maxReferenceDepth (3)");
  }

  @Test
  void operationsWithDifferentPolicies_areRefused() throws Exception {
    // The output message loses its policy: input and output effective policies now differ.
    String xml =
        sc13()
            .replaceFirst(
                "(?s)(<wsdl:output>.*?)<wsp:PolicyReference URI=\"#SC13_Message_Policy\"/>", "$1");
    assertThatThrownBy(() -> READER.read(parse(xml)))
        .hasMessageContaining("effective policies of DoubleIt input and DoubleIt output differ");
  }
}
