package org.parley.sts.saml;

import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.parley.sts.internal.Santuario;
import org.parley.wire.Ns;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a {@link SamlAssertion} as XML and signs it: an enveloped signature (SAML Core 5.4.1)
 * whose single reference points at the assertion's own ID (5.4.2), transforms enveloped-signature
 * then exc-c14n (5.4.3, 5.4.4), RSA-SHA256 over SHA-256 digests, the certificate in {@code
 * ds:KeyInfo}. Immutable and thread-safe.
 */
public final class SamlAssertionWriter {
  static final String ALGO_RSA_SHA256 = XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256;
  static final String ALGO_SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
  static final String ALGO_EXC_C14N = Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS;
  static final String ALGO_ENVELOPED = Transforms.TRANSFORM_ENVELOPED_SIGNATURE;

  private static final String P = "saml2:";

  private final SigningCredential credential;

  private SamlAssertionWriter(SigningCredential credential) {
    this.credential = credential;
  }

  public static SamlAssertionWriter signingWith(SigningCredential credential) {
    Santuario.init();
    return new SamlAssertionWriter(Objects.requireNonNull(credential, "credential"));
  }

  /** The signed assertion as the root of a new document. */
  public Document write(SamlAssertion a) {
    Document doc = HardenedXml.newEmptyDocument();
    Element assertion = el(doc, "Assertion");
    assertion.setAttributeNS(Ns.XMLNS, "xmlns:saml2", SamlAssertion.NS);
    assertion.setAttributeNS(null, "ID", a.id());
    assertion.setAttributeNS(null, "IssueInstant", instant(a.issueInstant()));
    assertion.setAttributeNS(null, "Version", "2.0");
    doc.appendChild(assertion);
    Element issuer = el(doc, "Issuer");
    issuer.setTextContent(a.issuer());
    assertion.appendChild(issuer);

    Element subject = el(doc, "Subject");
    Element nameId = el(doc, "NameID");
    nameId.setAttributeNS(null, "Format", a.nameIdFormat());
    nameId.setTextContent(a.nameId());
    subject.appendChild(nameId);
    Element sc = el(doc, "SubjectConfirmation");
    sc.setAttributeNS(null, "Method", a.confirmation().uri());
    if (a.confirmation() == SubjectConfirmation.HOLDER_OF_KEY) {
      // SAML Profiles 3.1: the proof key sits in ds:KeyInfo inside SubjectConfirmationData.
      Element data = el(doc, "SubjectConfirmationData");
      data.setAttributeNS(Ns.XMLNS, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
      data.setAttributeNS(
          "http://www.w3.org/2001/XMLSchema-instance",
          "xsi:type",
          "saml2:KeyInfoConfirmationDataType");
      Element keyInfo = doc.createElementNS(Ns.DS, "ds:KeyInfo");
      keyInfo.setAttributeNS(Ns.XMLNS, "xmlns:ds", Ns.DS);
      if (a.holderOfKeyCertificate().isPresent()) {
        Element x509Data = doc.createElementNS(Ns.DS, "ds:X509Data");
        Element x509Cert = doc.createElementNS(Ns.DS, "ds:X509Certificate");
        x509Cert.setTextContent(encode(a.holderOfKeyCertificate().get()));
        x509Data.appendChild(x509Cert);
        keyInfo.appendChild(x509Data);
      } else {
        keyInfo.appendChild(encryptedKey(doc, a.holderOfKeyEncryptedKey().orElseThrow()));
      }
      data.appendChild(keyInfo);
      sc.appendChild(data);
    }
    subject.appendChild(sc);
    assertion.appendChild(subject);

    Element conditions = el(doc, "Conditions");
    conditions.setAttributeNS(null, "NotBefore", instant(a.notBefore()));
    conditions.setAttributeNS(null, "NotOnOrAfter", instant(a.notOnOrAfter()));
    Element restriction = el(doc, "AudienceRestriction");
    for (String audience : a.audiences()) {
      Element aud = el(doc, "Audience");
      aud.setTextContent(audience);
      restriction.appendChild(aud);
    }
    conditions.appendChild(restriction);
    assertion.appendChild(conditions);

    if (a.authnInstant().isPresent()) {
      Element authn = el(doc, "AuthnStatement");
      authn.setAttributeNS(null, "AuthnInstant", instant(a.authnInstant().get()));
      a.sessionIndex().ifPresent(i -> authn.setAttributeNS(null, "SessionIndex", i));
      Element ctx = el(doc, "AuthnContext");
      Element ref = el(doc, "AuthnContextClassRef");
      ref.setTextContent(a.authnContextClassRef().orElseThrow());
      ctx.appendChild(ref);
      authn.appendChild(ctx);
      assertion.appendChild(authn);
    }
    if (!a.attributes().isEmpty()) {
      Element statement = el(doc, "AttributeStatement");
      for (SamlAttribute attribute : a.attributes()) {
        Element attr = el(doc, "Attribute");
        attr.setAttributeNS(null, "Name", attribute.name());
        for (String value : attribute.values()) {
          Element v = el(doc, "AttributeValue");
          v.setTextContent(value);
          attr.appendChild(v);
        }
        statement.appendChild(attr);
      }
      assertion.appendChild(statement);
    }
    sign(doc, assertion, issuer, a.id());
    return doc;
  }

  /** The signed assertion's bytes. */
  public byte[] writeBytes(SamlAssertion a) {
    return XmlWriter.toBytes(write(a).getDocumentElement());
  }

  private void sign(Document doc, Element assertion, Element issuer, String id) {
    try {
      XMLSignature signature = new XMLSignature(doc, "", ALGO_RSA_SHA256, ALGO_EXC_C14N);
      // SAML Core 5.4.1 + schema order: ds:Signature follows saml2:Issuer.
      assertion.insertBefore(signature.getElement(), issuer.getNextSibling());
      Transforms transforms = new Transforms(doc);
      transforms.addTransform(ALGO_ENVELOPED);
      transforms.addTransform(ALGO_EXC_C14N);
      assertion.setIdAttributeNS(null, "ID", true);
      // SAML Core 5.4.2: the reference URI is "#" + the ID of the enclosing assertion.
      signature.addDocument("#" + id, transforms, ALGO_SHA256);
      signature.addKeyInfo(credential.certificate());
      signature.sign(credential.privateKey());
    } catch (XMLSecurityException e) {
      throw new IllegalStateException("signing the assertion failed", e);
    }
  }

  //   <xenc:EncryptedKey>
  //     <xenc:EncryptionMethod Algorithm="...#rsa-oaep-mgf1p"><ds:DigestMethod sha1/></...>
  //     <ds:KeyInfo><wsse:SecurityTokenReference>
  //       <wsse:KeyIdentifier ValueType="...#ThumbprintSHA1">base64</wsse:KeyIdentifier>
  //     </wsse:SecurityTokenReference></ds:KeyInfo>
  //     <xenc:CipherData><xenc:CipherValue>base64</xenc:CipherValue></xenc:CipherData>
  //   </xenc:EncryptedKey>
  private static Element encryptedKey(Document doc, EncryptedProofKey key) {
    Element ek = doc.createElementNS(Ns.XENC, "xenc:EncryptedKey");
    ek.setAttributeNS(Ns.XMLNS, "xmlns:xenc", Ns.XENC);
    Element method = doc.createElementNS(Ns.XENC, "xenc:EncryptionMethod");
    method.setAttributeNS(null, "Algorithm", EncryptedProofKey.RSA_OAEP_MGF1P);
    Element digest = doc.createElementNS(Ns.DS, "ds:DigestMethod");
    digest.setAttributeNS(null, "Algorithm", "http://www.w3.org/2000/09/xmldsig#sha1");
    method.appendChild(digest);
    ek.appendChild(method);
    Element keyInfo = doc.createElementNS(Ns.DS, "ds:KeyInfo");
    Element str = doc.createElementNS(Ns.WSSE, "wsse:SecurityTokenReference");
    str.setAttributeNS(Ns.XMLNS, "xmlns:wsse", Ns.WSSE);
    Element ki = doc.createElementNS(Ns.WSSE, "wsse:KeyIdentifier");
    ki.setAttributeNS(null, "ValueType", EncryptedProofKey.THUMBPRINT_SHA1);
    ki.setAttributeNS(
        null,
        "EncodingType",
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary");
    ki.setTextContent(Base64.getEncoder().encodeToString(key.recipientThumbprintSha1()));
    str.appendChild(ki);
    keyInfo.appendChild(str);
    ek.appendChild(keyInfo);
    Element cipherData = doc.createElementNS(Ns.XENC, "xenc:CipherData");
    Element cipherValue = doc.createElementNS(Ns.XENC, "xenc:CipherValue");
    cipherValue.setTextContent(Base64.getEncoder().encodeToString(key.wrapped()));
    cipherData.appendChild(cipherValue);
    ek.appendChild(cipherData);
    return ek;
  }

  private static Element el(Document doc, String localName) {
    return doc.createElementNS(SamlAssertion.NS, P + localName);
  }

  static String instant(Instant instant) {
    return instant.toString();
  }

  private static String encode(java.security.cert.X509Certificate cert) {
    try {
      return Base64.getEncoder().encodeToString(cert.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }
}
