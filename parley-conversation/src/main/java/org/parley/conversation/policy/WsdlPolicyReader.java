package org.parley.conversation.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.namespace.QName;
import org.parley.conversation.internal.PolicyNormalizer;
import org.parley.conversation.internal.PolicyNormalizer.Assertion;
import org.parley.conversation.internal.PolicyNormalizer.Normal;
import org.parley.conversation.trust.EntropyMode;
import org.parley.conversation.trust.TrustVersion;
import org.parley.security.AlgorithmSuite;
import org.parley.security.ProtectionOrder;
import org.parley.security.SecurityPolicy;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads the typed {@link EndpointPolicy} of a WSDL 1.1 binding from the WS-Policy attached to it
 * (WS-Policy 1.5 Attachment section 4: policies on {@code wsdl:binding} and {@code wsdl:port} form
 * the endpoint policy; on the operations' {@code wsdl:input} / {@code wsdl:output}, the message
 * policy). The effective policy is normalized with bounds ({@link PolicyLimits}) and the first
 * alternative Parley fully understands is taken; every assertion of it must be understood
 * (WS-Policy 1.5 section 3.2: an alternative is supported only if all its assertions are), so an
 * unknown mandatory assertion is an error naming it. {@code wsp:Ignorable} assertions Parley does
 * not know are skipped.
 *
 * <p>Understood: WS-SP 1.2 and 1.1 {@code SymmetricBinding}/{@code AsymmetricBinding} with their
 * tokens ({@code SecureConversationToken} with {@code BootstrapPolicy}, {@code RequireDerivedKeys},
 * {@code sp:MustNotSendCancel} / {@code mssp:MustNotSendCancel}; {@code X509Token}), the five named
 * algorithm suites, Layout, IncludeTimestamp, EncryptBeforeSigning, EncryptSignature,
 * OnlySignEntireHeadersAndBody, SignedParts/EncryptedParts (Body, Header), Wss10/Wss11,
 * Trust13/Trust10 (entropy), EndorsingSupportingTokens in a bootstrap, {@code wsam:Addressing} and
 * {@code wsaw:UsingAddressing}; WS-RM Policy {@code RMAssertion}s are taken and left to
 * parley-reliable. Immutable and thread-safe.
 */
public final class WsdlPolicyReader {
  static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";

  private static final Map<String, AlgorithmSuite> SUITES =
      Map.of(
          "Basic256", AlgorithmSuite.BASIC256,
          "Basic192", AlgorithmSuite.BASIC192,
          "Basic128", AlgorithmSuite.BASIC128,
          "Basic256Sha256", AlgorithmSuite.BASIC256_SHA256,
          "Basic128Sha256", AlgorithmSuite.BASIC128_SHA256);

  private final PolicyLimits limits;

  private WsdlPolicyReader(PolicyLimits limits) {
    this.limits = limits;
  }

  public static WsdlPolicyReader create(PolicyLimits limits) {
    return new WsdlPolicyReader(Objects.requireNonNull(limits, "limits"));
  }

  /** The policy of the WSDL's only binding. */
  public EndpointPolicy read(Document wsdl) throws PolicyException {
    List<Element> bindings = Dom.children(definitions(wsdl), WSDL, "binding");
    if (bindings.size() != 1) {
      throw new PolicyException(
          "the WSDL has " + bindings.size() + " wsdl:binding elements; name the one to read");
    }
    return readBinding(wsdl, bindings.get(0));
  }

  /** The policy of the binding named {@code bindingName} (its local name). */
  public EndpointPolicy read(Document wsdl, String bindingName) throws PolicyException {
    for (Element b : Dom.children(definitions(wsdl), WSDL, "binding")) {
      if (bindingName.equals(b.getAttribute("name"))) {
        return readBinding(wsdl, b);
      }
    }
    throw new PolicyException("the WSDL has no wsdl:binding named " + bindingName);
  }

  private static Element definitions(Document wsdl) throws PolicyException {
    Element d = wsdl.getDocumentElement();
    if (!Dom.is(d, WSDL, "definitions")) {
      throw new PolicyException("not a WSDL 1.1 document: root is " + d.getLocalName());
    }
    return d;
  }

  private EndpointPolicy readBinding(Document wsdl, Element binding) throws PolicyException {
    PolicyNormalizer n = new PolicyNormalizer(wsdl, limits);
    List<Element> endpoint = new ArrayList<>(attached(binding));
    for (Element service : Dom.children(wsdl.getDocumentElement(), WSDL, "service")) {
      for (Element port : Dom.children(service, WSDL, "port")) {
        String ref = port.getAttribute("binding");
        String local = ref.substring(ref.indexOf(':') + 1);
        if (local.equals(binding.getAttribute("name"))) {
          endpoint.addAll(attached(port));
        }
      }
    }
    List<Element> operations = Dom.children(binding, WSDL, "operation");
    EndpointPolicy result = null;
    String first = null;
    for (Element op : operations.isEmpty() ? List.<Element>of(binding) : operations) {
      for (String dir : new String[] {"input", "output"}) {
        Element io = op == binding ? null : Dom.child(op, WSDL, dir);
        List<Element> all = new ArrayList<>(endpoint);
        if (io != null) {
          all.addAll(attached(io));
        }
        EndpointPolicy p = interpretTop(n.merge(all));
        String where = op.getAttribute("name") + " " + dir;
        if (result == null) {
          result = p;
          first = where;
        } else if (!result.equals(p)) {
          throw new PolicyException(
              "the effective policies of "
                  + first
                  + " and "
                  + where
                  + " differ; Parley needs one"
                  + " policy per endpoint");
        }
      }
    }
    return result;
  }

  /** wsp:PolicyReference and inline wsp:Policy children of a WSDL element. */
  private static List<Element> attached(Element e) throws PolicyException {
    List<Element> out = new ArrayList<>();
    for (Element c : Dom.childElements(e)) {
      if (PolicyNormalizer.isPolicyNs(c.getNamespaceURI())
          && ("PolicyReference".equals(c.getLocalName()) || "Policy".equals(c.getLocalName()))) {
        out.add(c);
      }
    }
    for (String ns : new String[] {Ns.WSP15, Ns.WSP12}) {
      if (Dom.attribute(e, ns, "PolicyURIs") != null) {
        throw new PolicyException(
            "wsp:PolicyURIs attachment is not supported; use PolicyReference");
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // interpretation of one alternative at a time

  private interface AltReader<T> {
    T read(Alt alt) throws PolicyException;
  }

  /** The first alternative {@code reader} accepts; else the first alternative's error. */
  private static <T> T firstSupported(Normal normal, String where, AltReader<T> reader)
      throws PolicyException {
    if (normal.alternatives().isEmpty()) {
      throw new PolicyException(where + " has no policy alternative (an empty wsp:ExactlyOne)");
    }
    PolicyException firstError = null;
    for (List<Assertion> alt : normal.alternatives()) {
      try {
        Alt a = new Alt(alt, where);
        T t = reader.read(a);
        a.finish();
        return t;
      } catch (PolicyException e) {
        if (firstError == null) {
          firstError = e;
        }
      }
    }
    if (normal.alternatives().size() == 1) {
      throw firstError;
    }
    throw new PolicyException(
        "none of the "
            + normal.alternatives().size()
            + " alternatives of "
            + where
            + " is supported; the first: "
            + firstError.getMessage());
  }

  private static <T> T nested(Assertion a, AltReader<T> reader) throws PolicyException {
    String where = "the nested policy of " + shortName(a.name());
    Normal n = a.hasNested() ? a.nested() : new Normal(List.of(List.of()));
    return firstSupported(n, where, reader);
  }

  private EndpointPolicy interpretTop(Normal normal) throws PolicyException {
    return firstSupported(normal, "the endpoint policy", this::top);
  }

  private EndpointPolicy top(Alt a) throws PolicyException {
    Assertion binding = null;
    PolicyDialect dialect = null;
    for (PolicyDialect d : PolicyDialect.values()) {
      for (String name : new String[] {"SymmetricBinding", "AsymmetricBinding"}) {
        Assertion b = a.take(d.spNamespace(), name);
        if (b != null) {
          if (binding != null) {
            throw new PolicyException("two security bindings in one policy alternative");
          }
          binding = b;
          dialect = d;
        }
      }
      if (a.has(d.spNamespace(), "TransportBinding")) {
        throw new PolicyException(
            "unsupported policy assertion sp:TransportBinding; Parley secures messages, not"
                + " transports");
      }
    }
    if (binding == null) {
      throw new PolicyException(
          "the endpoint policy has no sp:SymmetricBinding or sp:AsymmetricBinding; Parley serves"
              + " message security only");
    }
    final PolicyDialect d = dialect;
    String sp = d.spNamespace();
    takeAddressing(a);
    Parts parts = parts(a, sp);
    boolean sigConf = wss(a, sp);
    EntropyMode outerEntropy = trust(a, dialect);
    if ("AsymmetricBinding".equals(binding.name().getLocalPart())) {
      BindingBody body = nested(binding, x -> asymmetricBody(x, sp));
      return EndpointPolicy.perMessage(
          dialect, securityPolicy(SecurityPolicy.Binding.ASYMMETRIC, body, parts, sigConf, false));
    }
    BindingBody body = nested(binding, x -> symmetricBody(x, d));
    if (body.conversation == null) {
      throw new PolicyException(
          "a symmetric binding keyed by an X.509 token per message is not supported at the"
              + " endpoint level; use a SecureConversationToken");
    }
    Sct sct = body.conversation;
    SecurityPolicy messages =
        securityPolicy(SecurityPolicy.Binding.SYMMETRIC, body, parts, sigConf, sct.derivedKeys);
    EntropyMode entropy =
        sct.bootstrapEntropy != null
            ? sct.bootstrapEntropy
            : outerEntropy != null ? outerEntropy : EntropyMode.COMBINED;
    ConversationPolicy.Builder c =
        ConversationPolicy.newBuilder(messages, sct.bootstrap)
            .version(dialect.trustVersion())
            .entropyMode(entropy);
    if (sct.mustNotSendCancel) {
      c.mustNotSendCancel();
    }
    return EndpointPolicy.of(c.build());
  }

  private static final class Sct {
    boolean derivedKeys;
    boolean mustNotSendCancel;
    BootstrapPolicy bootstrap;
    EntropyMode bootstrapEntropy;
  }

  private static final class BindingBody {
    AlgorithmSuite suite;
    boolean timestamp;
    boolean encryptBeforeSigning;
    boolean encryptSignature;
    Sct conversation;
    boolean x509DerivedKeys;
  }

  private record Parts(
      boolean signBody, List<QName> signed, boolean encryptBody, List<QName> encrypted) {}

  private BindingBody commonBody(Alt a, String sp) throws PolicyException {
    BindingBody b = new BindingBody();
    Assertion suite = a.take(sp, "AlgorithmSuite");
    if (suite == null) {
      throw new PolicyException("a security binding needs sp:AlgorithmSuite (WS-SP 1.2 7.1)");
    }
    b.suite =
        nested(
            suite,
            x -> {
              for (Map.Entry<String, AlgorithmSuite> e : SUITES.entrySet()) {
                if (x.flag(sp, e.getKey())) {
                  return e.getValue();
                }
              }
              throw new PolicyException(
                  "sp:AlgorithmSuite names none of Basic256, Basic192, Basic128, Basic256Sha256,"
                      + " Basic128Sha256");
            });
    Assertion layout = a.take(sp, "Layout");
    if (layout != null) {
      nested(
          layout,
          x -> {
            for (String l : new String[] {"Strict", "Lax", "LaxTsFirst", "LaxTsLast"}) {
              if (x.flag(sp, l)) {
                return l;
              }
            }
            throw new PolicyException("sp:Layout names no layout");
          });
    }
    b.timestamp = a.flag(sp, "IncludeTimestamp");
    b.encryptBeforeSigning = a.flag(sp, "EncryptBeforeSigning");
    b.encryptSignature = a.flag(sp, "EncryptSignature");
    // Parley signs whole headers and the whole body only, so this assertion always holds.
    a.flag(sp, "OnlySignEntireHeadersAndBody");
    return b;
  }

  private BindingBody asymmetricBody(Alt a, String sp) throws PolicyException {
    BindingBody b = commonBody(a, sp);
    for (String role : new String[] {"InitiatorToken", "RecipientToken"}) {
      Assertion t = a.take(sp, role);
      if (t == null) {
        throw new PolicyException("sp:AsymmetricBinding needs sp:" + role + " (WS-SP 1.2 7.5)");
      }
      boolean dk = nested(t, x -> x509Token(x, sp));
      if (dk) {
        throw new PolicyException(
            "RequireDerivedKeys on an asymmetric X.509 token is not supported");
      }
    }
    return b;
  }

  private BindingBody symmetricBody(Alt a, PolicyDialect dialect) throws PolicyException {
    String sp = dialect.spNamespace();
    BindingBody b = commonBody(a, sp);
    Assertion pt = a.take(sp, "ProtectionToken");
    if (pt == null) {
      throw new PolicyException("sp:SymmetricBinding needs sp:ProtectionToken (WS-SP 1.2 7.4)");
    }
    nested(
        pt,
        x -> {
          Assertion sct = x.take(sp, "SecureConversationToken");
          if (sct != null) {
            b.conversation = nested(sct, y -> secureConversationToken(y, dialect));
            return b;
          }
          b.x509DerivedKeys = x509(x, sp);
          return b;
        });
    return b;
  }

  /** An alternative holding one sp:X509Token; returns its RequireDerivedKeys. */
  private static boolean x509(Alt x, String sp) throws PolicyException {
    Assertion t = x.take(sp, "X509Token");
    if (t == null) {
      throw new PolicyException(
          x.where + " names no token Parley supports (sp:SecureConversationToken, sp:X509Token)");
    }
    return nested(t, y -> x509Token(y, sp));
  }

  private static boolean x509Token(Alt outer, String sp) throws PolicyException {
    // The caller holds the sp:X509Token's own nested policy, or an alternative containing it.
    Assertion token = outer.take(sp, "X509Token");
    if (token != null) {
      return nested(token, y -> x509Token(y, sp));
    }
    boolean v3 = false;
    for (String t : new String[] {"WssX509V3Token10", "WssX509V3Token11"}) {
      v3 |= outer.flag(sp, t);
    }
    if (!v3) {
      throw new PolicyException(
          "an sp:X509Token must ask for sp:WssX509V3Token10 or 11; Parley uses X.509 v3 only");
    }
    for (String r :
        new String[] {
          "RequireThumbprintReference",
          "RequireIssuerSerialReference",
          "RequireKeyIdentifierReference",
          "RequireEmbeddedTokenReference"
        }) {
      outer.flag(sp, r);
    }
    return outer.flag(sp, "RequireDerivedKeys");
  }

  private Sct secureConversationToken(Alt a, PolicyDialect dialect) throws PolicyException {
    String sp = dialect.spNamespace();
    Sct s = new Sct();
    s.derivedKeys = a.flag(sp, "RequireDerivedKeys");
    // WS-SP 1.3 section 5.4.7 sp:MustNotSendCancel; [MS-SP] mssp:MustNotSendCancel for SP 1.1.
    boolean spCancel = dialect == PolicyDialect.SP12 && a.flag(sp, "MustNotSendCancel");
    boolean msCancel = a.flag(Ns.MSSP, "MustNotSendCancel");
    s.mustNotSendCancel = spCancel || msCancel;
    if (dialect == PolicyDialect.SP12) {
      a.flag(sp, "SC13SecurityContextToken");
      if (a.has(sp, "SC200502SecurityContextToken")) {
        throw new PolicyException(
            "unsupported policy assertion sp:SC200502SecurityContextToken: Parley pairs WS-SC Feb"
                + " 2005 with WS-SP 1.1, as WCF does");
      }
    } else {
      a.flag(sp, "SC10SecurityContextToken");
    }
    Assertion bp = a.take(sp, "BootstrapPolicy");
    if (bp == null) {
      throw new PolicyException(
          "sp:SecureConversationToken without sp:BootstrapPolicy: Parley needs to know how the"
              + " context is established");
    }
    nested(
        bp,
        x -> {
          bootstrap(x, dialect, s);
          return s;
        });
    return s;
  }

  private void bootstrap(Alt a, PolicyDialect dialect, Sct s) throws PolicyException {
    String sp = dialect.spNamespace();
    Parts parts = parts(a, sp);
    boolean sigConf = wss(a, sp);
    s.bootstrapEntropy = trust(a, dialect);
    takeAddressing(a);
    Assertion asym = a.take(sp, "AsymmetricBinding");
    Assertion sym = a.take(sp, "SymmetricBinding");
    if ((asym == null) == (sym == null)) {
      throw new PolicyException(
          "sp:BootstrapPolicy needs exactly one sp:AsymmetricBinding or sp:SymmetricBinding");
    }
    if (asym != null) {
      BindingBody body = nested(asym, x -> asymmetricBody(x, sp));
      s.bootstrap =
          BootstrapPolicy.asymmetricX509(
              securityPolicy(SecurityPolicy.Binding.ASYMMETRIC, body, parts, sigConf, false));
      return;
    }
    BindingBody body = nested(sym, x -> symmetricBody(x, dialect));
    if (body.conversation != null) {
      throw new PolicyException(
          "a bootstrap keyed by another SecureConversationToken is not supported");
    }
    Assertion endorsing = a.take(sp, "EndorsingSupportingTokens");
    if (endorsing == null) {
      throw new PolicyException(
          "a symmetric bootstrap needs the client certificate as sp:EndorsingSupportingTokens"
              + " (X.509 mutual authentication)");
    }
    nested(endorsing, x -> x509(x, sp));
    s.bootstrap =
        BootstrapPolicy.symmetricX509Endorsing(
            securityPolicy(
                SecurityPolicy.Binding.SYMMETRIC, body, parts, sigConf, body.x509DerivedKeys));
  }

  private static void takeAddressing(Alt a) throws PolicyException {
    Assertion wsam = a.take(PolicyDialect.WSAM, "Addressing");
    if (wsam != null) {
      nested(
          wsam,
          x -> {
            x.flag(PolicyDialect.WSAM, "AnonymousResponses");
            x.flag(PolicyDialect.WSAM, "NonAnonymousResponses");
            return x;
          });
    }
    a.flag(PolicyDialect.WSAW, "UsingAddressing");
    // WS-RM Policy 1.2 / Feb 2005: reliable messaging is parley-reliable's to read (its
    // ReliablePolicy); the security policy is complete without it, so it is taken, not refused.
    a.takeAll(RMP12, "RMAssertion");
    a.takeAll(RMP200502, "RMAssertion");
  }

  /** WS-RM Policy 1.2 namespace. */
  static final String RMP12 = "http://docs.oasis-open.org/ws-rx/wsrmp/200702";

  /** WS-RM Policy February 2005 namespace. */
  static final String RMP200502 = "http://schemas.xmlsoap.org/ws/2005/02/rm/policy";

  private static Parts parts(Alt a, String sp) throws PolicyException {
    boolean signBody = false;
    boolean encryptBody = false;
    List<QName> signed = new ArrayList<>();
    List<QName> encrypted = new ArrayList<>();
    for (Assertion p : a.takeAll(sp, "SignedParts")) {
      signBody |= partsOf(p, sp, signed);
    }
    for (Assertion p : a.takeAll(sp, "EncryptedParts")) {
      encryptBody |= partsOf(p, sp, encrypted);
    }
    return new Parts(signBody, signed, encryptBody, encrypted);
  }

  /** WS-SP 1.2 sections 4.1.1, 4.2.1: sp:Body and sp:Header (Namespace required, Name optional). */
  private static boolean partsOf(Assertion p, String sp, List<QName> headers)
      throws PolicyException {
    if (p.hasNested()) {
      throw new PolicyException(shortName(p.name()) + " takes no nested policy");
    }
    boolean body = false;
    for (Element c : Dom.childElements(p.element())) {
      if (Dom.is(c, sp, "Body")) {
        body = true;
      } else if (Dom.is(c, sp, "Header")) {
        String ns = Dom.attribute(c, null, "Namespace");
        if (ns == null || ns.isBlank()) {
          throw new PolicyException("sp:Header needs a Namespace (WS-SP 1.2 section 4.1.1)");
        }
        String name = Dom.attribute(c, null, "Name");
        // A Header without Name covers every header of the namespace: local part "".
        headers.add(new QName(ns, name == null ? "" : name));
      } else {
        throw new PolicyException(
            "unsupported policy assertion "
                + shortName(new QName(c.getNamespaceURI(), c.getLocalName()))
                + " in "
                + shortName(p.name()));
      }
    }
    return body;
  }

  /** sp:Wss10 / sp:Wss11; returns RequireSignatureConfirmation. */
  private static boolean wss(Alt a, String sp) throws PolicyException {
    Assertion w11 = a.take(sp, "Wss11");
    Assertion w10 = a.take(sp, "Wss10");
    if (w11 != null && w10 != null) {
      throw new PolicyException("both sp:Wss10 and sp:Wss11 in one alternative");
    }
    Assertion w = w11 != null ? w11 : w10;
    if (w == null) {
      return false;
    }
    return nested(
        w,
        x -> {
          for (String f :
              new String[] {
                "MustSupportRefKeyIdentifier",
                "MustSupportRefIssuerSerial",
                "MustSupportRefExternalURI",
                "MustSupportRefEmbeddedToken",
                "MustSupportRefThumbprint",
                "MustSupportRefEncryptedKey"
              }) {
            x.flag(sp, f);
          }
          return x.flag(sp, "RequireSignatureConfirmation");
        });
  }

  /** sp:Trust13 (SP 1.2) or sp:Trust10 (SP 1.1): the entropy mode, or null when absent. */
  private static EntropyMode trust(Alt a, PolicyDialect dialect) throws PolicyException {
    String sp = dialect.spNamespace();
    String expected = dialect.trustVersion() == TrustVersion.WS_TRUST_13 ? "Trust13" : "Trust10";
    String other = expected.equals("Trust13") ? "Trust10" : "Trust13";
    if (a.has(sp, other)) {
      throw new PolicyException(
          "unsupported policy assertion sp:" + other + " in a " + dialect + " policy");
    }
    Assertion t = a.take(sp, expected);
    if (t == null) {
      return null;
    }
    return nested(
        t,
        x -> {
          x.flag(sp, "MustSupportClientChallenge");
          x.flag(sp, "MustSupportServerChallenge");
          x.flag(sp, "MustSupportIssuedTokens");
          x.flag(sp, "RequireRequestSecurityTokenCollection");
          x.flag(sp, "RequireAppliesTo");
          boolean client = x.flag(sp, "RequireClientEntropy");
          boolean server = x.flag(sp, "RequireServerEntropy");
          return client && server
              ? EntropyMode.COMBINED
              : client ? EntropyMode.CLIENT : EntropyMode.SERVER;
        });
  }

  private static SecurityPolicy securityPolicy(
      SecurityPolicy.Binding binding, BindingBody body, Parts parts, boolean sigConf, boolean dk) {
    SecurityPolicy.Builder b =
        SecurityPolicy.newBuilder().binding(binding).algorithmSuite(body.suite);
    if (!body.timestamp) {
      b.allowMissingTimestamp();
    }
    if (!parts.signBody()) {
      b.allowUnsignedBody();
    }
    if (!parts.encryptBody()) {
      b.allowUnencryptedBody();
    }
    parts.signed().forEach(b::signHeader);
    parts.encrypted().forEach(b::encryptHeader);
    b.protectionOrder(
        body.encryptBeforeSigning
            ? ProtectionOrder.ENCRYPT_BEFORE_SIGN
            : ProtectionOrder.SIGN_BEFORE_ENCRYPT);
    b.encryptSignature(body.encryptSignature);
    b.signatureConfirmation(sigConf);
    b.derivedKeys(dk);
    return b.build();
  }

  static String shortName(QName q) {
    String ns = q.getNamespaceURI();
    String prefix =
        Ns.SP12.equals(ns) || Ns.SP11.equals(ns)
            ? "sp:"
            : Ns.MSSP.equals(ns) ? "mssp:" : ns.isEmpty() ? "" : "{" + ns + "}";
    return prefix + q.getLocalPart();
  }

  /** One alternative being consumed: every assertion must be taken before {@link #finish()}. */
  private static final class Alt {
    final List<Assertion> all;
    final boolean[] used;
    final String where;

    Alt(List<Assertion> all, String where) {
      this.all = all;
      this.used = new boolean[all.size()];
      this.where = where;
    }

    boolean has(String ns, String local) {
      for (Assertion a : all) {
        if (a.name().getNamespaceURI().equals(ns) && a.name().getLocalPart().equals(local)) {
          return true;
        }
      }
      return false;
    }

    Assertion take(String ns, String local) throws PolicyException {
      Assertion found = null;
      for (int i = 0; i < all.size(); i++) {
        Assertion a = all.get(i);
        if (!used[i]
            && a.name().getNamespaceURI().equals(ns)
            && a.name().getLocalPart().equals(local)) {
          if (found != null) {
            throw new PolicyException("two " + shortName(a.name()) + " assertions in " + where);
          }
          found = a;
          used[i] = true;
        }
      }
      return found;
    }

    List<Assertion> takeAll(String ns, String local) {
      List<Assertion> out = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        Assertion a = all.get(i);
        if (!used[i]
            && a.name().getNamespaceURI().equals(ns)
            && a.name().getLocalPart().equals(local)) {
          used[i] = true;
          out.add(a);
        }
      }
      return out;
    }

    /** Takes an assertion without parameters; true when present. */
    boolean flag(String ns, String local) throws PolicyException {
      Assertion a = take(ns, local);
      if (a == null) {
        return false;
      }
      if (a.hasNested() && !a.nested().alternatives().equals(List.of(List.of()))) {
        throw new PolicyException(shortName(a.name()) + " takes no nested assertions");
      }
      return true;
    }

    void finish() throws PolicyException {
      for (int i = 0; i < all.size(); i++) {
        if (!used[i] && !all.get(i).ignorable()) {
          throw new PolicyException(
              "unsupported policy assertion "
                  + shortName(all.get(i).name())
                  + " in "
                  + where
                  + "; Parley does not implement it and it is not wsp:Ignorable");
        }
      }
    }
  }
}
