package org.parley.conversation.policy;

import java.util.Objects;
import javax.xml.namespace.QName;
import org.parley.conversation.trust.EntropyMode;
import org.parley.security.ProtectionOrder;
import org.parley.security.SecurityPolicy;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes an {@link EndpointPolicy} as WS-Policy for a WSDL, in the shapes WCF and CXF publish: a
 * binding policy (security binding with its tokens and bootstrap, Wss11, Trust13/Trust10,
 * addressing) and a message policy (SignedParts, EncryptedParts), attached with {@code
 * wsp:PolicyReference} (WS-Policy 1.5 Attachment section 4.1). SP 1.2 policies say {@code
 * sp:MustNotSendCancel} (WS-SP 1.3 section 5.4.7), SP 1.1 policies {@code mssp:MustNotSendCancel}
 * ([MS-SP]); SP 1.2 uses {@code wsam:Addressing}, SP 1.1 {@code wsaw:UsingAddressing}. {@link
 * WsdlPolicyReader} reads the result back to an equal policy.
 */
public final class PolicyWriter {
  private PolicyWriter() {}

  /** The endpoint (binding) policy, with {@code wsu:Id} {@code id}. */
  public static Element bindingPolicy(Document doc, EndpointPolicy p, String id) {
    Objects.requireNonNull(p, "policy");
    W w = new W(doc, p.dialect());
    Element policy = w.policyRoot(id);
    Element all = w.exactlyOneAll(policy);
    if (p.dialect() == PolicyDialect.SP12) {
      Element addressing = doc.createElementNS(PolicyDialect.WSAM, "wsam:Addressing");
      addressing.setAttributeNS(Ns.XMLNS, "xmlns:wsam", PolicyDialect.WSAM);
      addressing.appendChild(w.wsp("Policy"));
      all.appendChild(addressing);
    }
    if (p.conversation().isPresent()) {
      ConversationPolicy c = p.conversation().get();
      Element binding = w.binding("SymmetricBinding", p.messagePolicy());
      Element pt = w.sp("ProtectionToken");
      Element sct = w.sp("SecureConversationToken");
      sct.setAttributeNS(w.sp, "sp:IncludeToken", p.dialect().includeToken("AlwaysToRecipient"));
      Element sctPolicy = w.wsp("Policy");
      if (c.requireDerivedKeys()) {
        sctPolicy.appendChild(w.sp("RequireDerivedKeys"));
      }
      if (!c.requireCancellation()) {
        if (p.dialect() == PolicyDialect.SP12) {
          sctPolicy.appendChild(w.sp("MustNotSendCancel"));
        } else {
          Element ms = doc.createElementNS(Ns.MSSP, "mssp:MustNotSendCancel");
          ms.setAttributeNS(Ns.XMLNS, "xmlns:mssp", Ns.MSSP);
          sctPolicy.appendChild(ms);
        }
      }
      Element bp = w.sp("BootstrapPolicy");
      bp.appendChild(w.bootstrap(c));
      sctPolicy.appendChild(bp);
      sct.appendChild(sctPolicy);
      pt.appendChild(w.nestedPolicy(sct));
      insertFirst(bindingBody(binding), pt);
      all.appendChild(binding);
      all.appendChild(w.wss11(p.messagePolicy()));
      all.appendChild(w.trust(c.entropyMode()));
    } else {
      all.appendChild(w.binding("AsymmetricBinding", p.messagePolicy()));
      all.appendChild(w.wss11(p.messagePolicy()));
    }
    if (p.dialect() == PolicyDialect.SP11) {
      Element addressing = doc.createElementNS(PolicyDialect.WSAW, "wsaw:UsingAddressing");
      addressing.setAttributeNS(Ns.XMLNS, "xmlns:wsaw", PolicyDialect.WSAW);
      all.appendChild(addressing);
    }
    return policy;
  }

  /** The message (operation input/output) policy, with {@code wsu:Id} {@code id}. */
  public static Element messagePolicy(Document doc, EndpointPolicy p, String id) {
    W w = new W(doc, p.dialect());
    Element policy = w.policyRoot(id);
    Element all = w.exactlyOneAll(policy);
    w.parts(all, p.messagePolicy());
    return policy;
  }

  /**
   * Adds the binding and message policies to a WSDL 1.1 {@code definitions} element and references
   * them from every {@code wsdl:binding} and its operations' inputs and outputs. The ids are {@code
   * idPrefix + "_Binding_Policy"} and {@code idPrefix + "_Message_Policy"}.
   */
  public static void attach(Element definitions, EndpointPolicy p, String idPrefix) {
    Objects.requireNonNull(definitions, "definitions");
    if (!Dom.is(definitions, WsdlPolicyReader.WSDL, "definitions")) {
      throw new IllegalArgumentException("not a wsdl:definitions element");
    }
    Document doc = definitions.getOwnerDocument();
    String bindingId = idPrefix + "_Binding_Policy";
    String messageId = idPrefix + "_Message_Policy";
    String wsp = p.dialect().policyNamespace();
    for (Element binding : Dom.children(definitions, WsdlPolicyReader.WSDL, "binding")) {
      insertFirst(binding, reference(doc, wsp, bindingId));
      for (Element op : Dom.children(binding, WsdlPolicyReader.WSDL, "operation")) {
        for (String dir : new String[] {"input", "output"}) {
          Element io = Dom.child(op, WsdlPolicyReader.WSDL, dir);
          if (io != null) {
            io.appendChild(reference(doc, wsp, messageId));
          }
        }
      }
    }
    definitions.appendChild(bindingPolicy(doc, p, bindingId));
    definitions.appendChild(messagePolicy(doc, p, messageId));
  }

  private static Element reference(Document doc, String wsp, String id) {
    Element r = doc.createElementNS(wsp, "wsp:PolicyReference");
    r.setAttributeNS(Ns.XMLNS, "xmlns:wsp", wsp);
    r.setAttributeNS(null, "URI", "#" + id);
    return r;
  }

  private static Element bindingBody(Element binding) {
    return Dom.firstChildElement(binding);
  }

  private static void insertFirst(Element parent, Element child) {
    parent.insertBefore(child, parent.getFirstChild());
  }

  /** Element factory for one dialect. */
  private static final class W {
    final Document doc;
    final PolicyDialect dialect;
    final String sp;
    final String wsp;

    W(Document doc, PolicyDialect dialect) {
      this.doc = doc;
      this.dialect = dialect;
      this.sp = dialect.spNamespace();
      this.wsp = dialect.policyNamespace();
    }

    Element sp(String local) {
      return doc.createElementNS(sp, "sp:" + local);
    }

    Element wsp(String local) {
      return doc.createElementNS(wsp, "wsp:" + local);
    }

    Element policyRoot(String id) {
      Element policy = wsp("Policy");
      policy.setAttributeNS(Ns.XMLNS, "xmlns:wsp", wsp);
      policy.setAttributeNS(Ns.XMLNS, "xmlns:sp", sp);
      policy.setAttributeNS(Ns.XMLNS, "xmlns:wsu", Ns.WSU);
      policy.setAttributeNS(Ns.WSU, "wsu:Id", Objects.requireNonNull(id, "id"));
      return policy;
    }

    Element exactlyOneAll(Element policy) {
      Element one = wsp("ExactlyOne");
      Element all = wsp("All");
      one.appendChild(all);
      policy.appendChild(one);
      return all;
    }

    Element nestedPolicy(Element... children) {
      Element p = wsp("Policy");
      for (Element c : children) {
        p.appendChild(c);
      }
      return p;
    }

    Element withNested(String local, Element... children) {
      Element e = sp(local);
      e.appendChild(nestedPolicy(children));
      return e;
    }

    /** A binding with suite, layout and flags; token assertions are inserted by the caller. */
    Element binding(String local, SecurityPolicy policy) {
      Element body = wsp("Policy");
      if (local.equals("AsymmetricBinding")) {
        body.appendChild(withNested("InitiatorToken", x509("AlwaysToRecipient", false, false)));
        body.appendChild(withNested("RecipientToken", x509("Never", true, false)));
      }
      body.appendChild(withNested("AlgorithmSuite", sp(policy.algorithmSuite().name())));
      body.appendChild(withNested("Layout", sp("Strict")));
      if (policy.timestampRequired()) {
        body.appendChild(sp("IncludeTimestamp"));
      }
      if (policy.protectionOrder() == ProtectionOrder.ENCRYPT_BEFORE_SIGN) {
        body.appendChild(sp("EncryptBeforeSigning"));
      }
      if (policy.encryptSignature()) {
        body.appendChild(sp("EncryptSignature"));
      }
      body.appendChild(sp("OnlySignEntireHeadersAndBody"));
      Element binding = sp(local);
      binding.appendChild(body);
      return binding;
    }

    Element x509(String include, boolean thumbprint, boolean derivedKeys) {
      Element t = sp("X509Token");
      t.setAttributeNS(sp, "sp:IncludeToken", dialect.includeToken(include));
      Element p = wsp("Policy");
      if (derivedKeys) {
        p.appendChild(sp("RequireDerivedKeys"));
      }
      if (thumbprint) {
        p.appendChild(sp("RequireThumbprintReference"));
      }
      p.appendChild(sp("WssX509V3Token10"));
      t.appendChild(p);
      return t;
    }

    Element bootstrap(ConversationPolicy c) {
      BootstrapPolicy b = c.bootstrap();
      SecurityPolicy sp = b.securityPolicy();
      Element p = wsp("Policy");
      if (b.kind() == BootstrapPolicy.Kind.ASYMMETRIC_X509) {
        p.appendChild(binding("AsymmetricBinding", sp));
        parts(p, sp);
      } else {
        parts(p, sp);
        Element binding = binding("SymmetricBinding", sp);
        insertFirst(
            bindingBody(binding),
            withNested("ProtectionToken", x509("Never", true, sp.derivedKeys())));
        p.appendChild(binding);
        p.appendChild(
            withNested("EndorsingSupportingTokens", x509("AlwaysToRecipient", true, false)));
      }
      p.appendChild(wss11(sp));
      p.appendChild(trust(c.entropyMode()));
      return p;
    }

    void parts(Element parent, SecurityPolicy policy) {
      if (policy.signBody() || !policy.signedHeaders().isEmpty()) {
        Element s = sp("SignedParts");
        if (policy.signBody()) {
          s.appendChild(sp("Body"));
        }
        policy.signedHeaders().stream()
            .sorted(PolicyWriter::compare)
            .forEach(q -> s.appendChild(header(q)));
        parent.appendChild(s);
      }
      if (policy.encryptBody() || !policy.encryptedHeaders().isEmpty()) {
        Element e = sp("EncryptedParts");
        if (policy.encryptBody()) {
          e.appendChild(sp("Body"));
        }
        policy.encryptedHeaders().stream()
            .sorted(PolicyWriter::compare)
            .forEach(q -> e.appendChild(header(q)));
        parent.appendChild(e);
      }
    }

    Element header(QName q) {
      Element h = sp("Header");
      if (!q.getLocalPart().isEmpty()) {
        h.setAttributeNS(null, "Name", q.getLocalPart());
      }
      h.setAttributeNS(null, "Namespace", q.getNamespaceURI());
      return h;
    }

    Element wss11(SecurityPolicy policy) {
      Element p = wsp("Policy");
      for (String f :
          new String[] {
            "MustSupportRefKeyIdentifier",
            "MustSupportRefIssuerSerial",
            "MustSupportRefThumbprint",
            "MustSupportRefEncryptedKey"
          }) {
        p.appendChild(sp(f));
      }
      if (policy.signatureConfirmation()) {
        p.appendChild(sp("RequireSignatureConfirmation"));
      }
      Element w = sp("Wss11");
      w.appendChild(p);
      return w;
    }

    Element trust(EntropyMode mode) {
      Element p = wsp("Policy");
      p.appendChild(sp("MustSupportIssuedTokens"));
      if (mode != EntropyMode.SERVER) {
        p.appendChild(sp("RequireClientEntropy"));
      }
      if (mode != EntropyMode.CLIENT) {
        p.appendChild(sp("RequireServerEntropy"));
      }
      Element t = sp(dialect == PolicyDialect.SP12 ? "Trust13" : "Trust10");
      t.appendChild(p);
      return t;
    }
  }

  private static int compare(QName a, QName b) {
    int c = a.getNamespaceURI().compareTo(b.getNamespaceURI());
    return c != 0 ? c : a.getLocalPart().compareTo(b.getLocalPart());
  }
}
