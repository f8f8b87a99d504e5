package org.parley.bench.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.zip.Deflater;
import org.parley.core.claims.Claim;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The comparison encoding for issue 4's cookie bytes: a session security token written the way
 * WIF's {@code SessionSecurityTokenHandler} writes one into its {@code FedAuth} cookies, as text
 * XML. An outer WS-SC 1.3 {@code SecurityContextToken} (wsu:Id, Identifier) holds a {@code Cookie}
 * element (namespace {@code http://schemas.microsoft.com/ws/2006/05/security}) whose content is the
 * base64 of the inner {@code SessionToken}: version, ids, the 256-bit session key, the four times
 * (as .NET ticks) and the {@code ClaimsPrincipal} with each identity's claims (Type, Value,
 * ValueType, Issuer, OriginalIssuer) and base64 bootstrap token, element names as in WIF's session
 * dictionary. WIF's {@code ChunkedCookieHandler} then base64-encodes the whole XML and splits it
 * into cookies of 2,000 characters ({@code FedAuth}, {@code FedAuth1}, ...).
 *
 * <p>Optionally the inner cookie is deflated first, as WIF's default {@code DeflateCookieTransform}
 * does; WIF then also encrypts it (DPAPI or machine key), which adds bytes not counted here, so the
 * deflated figure is a lower bound for WIF's default cookie.
 */
public final class WifStyleSessionXml {
  static final String WSC13 = "http://docs.oasis-open.org/ws-sx/ws-secureconversation/200512";
  static final String WSU =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
  static final String MS_SECURITY = "http://schemas.microsoft.com/ws/2006/05/security";

  /** WIF's {@code ChunkedCookieHandler.DefaultChunkSize}. */
  public static final int CHUNK_CHARS = 2000;

  /** WIF's default cookie name. */
  public static final String COOKIE_NAME = "FedAuth";

  /** .NET ticks (100 ns) at the Unix epoch. */
  private static final long TICKS_AT_EPOCH = 621_355_968_000_000_000L;

  private WifStyleSessionXml() {}

  /** The inner {@code SessionToken} XML for a session of {@code principal}. */
  public static byte[] sessionToken(
      ClaimsPrincipal principal, String contextId, byte[] key, Instant from, Instant to) {
    Document d = HardenedXml.newEmptyDocument();
    Element token = d.createElementNS(null, "SessionToken");
    d.appendChild(token);
    text(token, "Version", "1");
    text(token, "SecureConversationVersion", WSC13);
    text(token, "Id", "_" + UUID.randomUUID() + "-" + "0".repeat(32));
    text(token, "ContextId", contextId);
    text(token, "Key", Base64.getEncoder().encodeToString(key));
    text(token, "KeyGeneration", "urn:uuid:" + UUID.randomUUID());
    text(token, "EffectiveTime", ticks(from));
    text(token, "ExpiryTime", ticks(to));
    text(token, "KeyEffectiveTime", ticks(from));
    text(token, "KeyExpiryTime", ticks(to));
    Element cp = child(token, "ClaimsPrincipal");
    Element ids = child(cp, "Identities");
    for (ClaimsIdentity id : principal.identities()) {
      identity(ids, id);
    }
    text(token, "EndpointId", "");
    return XmlWriter.toBytes(d);
  }

  private static void identity(Element parent, ClaimsIdentity id) {
    Element e = child(parent, "Identity");
    e.setAttribute("NameClaimType", id.nameClaimType());
    e.setAttribute("RoleClaimType", id.roleClaimType());
    id.authenticationType().ifPresent(t -> e.setAttribute("AuthenticationType", t));
    id.bootstrapToken()
        .ifPresent(
            t -> text(e, "BootStrapToken", Base64.getEncoder().encodeToString(t.serializedForm())));
    Element claims = child(e, "ClaimCollection");
    for (Claim c : id.claims()) {
      Element ce = child(claims, "Claim");
      ce.setAttribute("Issuer", c.issuer());
      ce.setAttribute("OriginalIssuer", c.originalIssuer());
      ce.setAttribute("Type", c.type());
      ce.setAttribute("Value", c.value());
      ce.setAttribute("ValueType", c.valueType());
    }
    id.actor().ifPresent(a -> identity(child(e, "Actor"), a));
  }

  /** The outer {@code SecurityContextToken} around an inner token (already transformed). */
  public static byte[] securityContextToken(String contextId, byte[] innerCookie) {
    Document d = HardenedXml.newEmptyDocument();
    Element sct = d.createElementNS(WSC13, "SecurityContextToken");
    sct.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns", WSC13);
    sct.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:u", WSU);
    sct.setAttributeNS(WSU, "u:Id", "_" + UUID.randomUUID() + "-" + "0".repeat(32));
    d.appendChild(sct);
    Element id = d.createElementNS(WSC13, "Identifier");
    id.setTextContent(contextId);
    sct.appendChild(id);
    Element cookie = d.createElementNS(MS_SECURITY, "Cookie");
    cookie.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns", MS_SECURITY);
    cookie.setTextContent(Base64.getEncoder().encodeToString(innerCookie));
    sct.appendChild(cookie);
    return XmlWriter.toBytes(d);
  }

  /** The {@code Cookie} request header bytes WIF's chunked cookies take for {@code tokenXml}. */
  public static int cookieHeaderBytes(byte[] tokenXml) {
    int chars = Base64.getEncoder().encodeToString(tokenXml).length();
    int chunks = chunks(tokenXml);
    int names = 0;
    for (int i = 0; i < chunks; i++) {
      names += (i == 0 ? COOKIE_NAME : COOKIE_NAME + i).length() + 1 + (i == 0 ? 0 : 2);
    }
    return chars + names;
  }

  /** How many {@code FedAuth} cookies {@code tokenXml} needs. */
  public static int chunks(byte[] tokenXml) {
    int chars = Base64.getEncoder().encodeToString(tokenXml).length();
    return (chars + CHUNK_CHARS - 1) / CHUNK_CHARS;
  }

  /** Raw DEFLATE, as WIF's {@code DeflateCookieTransform}. */
  public static byte[] deflate(byte[] in) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      d.setInput(in);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 64);
      byte[] buf = new byte[4096];
      while (!d.finished()) {
        out.write(buf, 0, d.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  private static String ticks(Instant t) {
    return String.valueOf(TICKS_AT_EPOCH + t.getEpochSecond() * 10_000_000L + t.getNano() / 100);
  }

  private static Element child(Element parent, String name) {
    Element e = parent.getOwnerDocument().createElementNS(null, name);
    parent.appendChild(e);
    return e;
  }

  private static void text(Element parent, String name, String value) {
    child(parent, name).setTextContent(value);
  }

  /** For tests: the XML as a string. */
  static String string(byte[] xml) {
    return new String(xml, StandardCharsets.UTF_8);
  }
}
