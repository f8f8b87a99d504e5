package org.parley.conversation.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;
import org.parley.conversation.policy.PolicyException;
import org.parley.conversation.policy.PolicyLimits;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * WS-Policy 1.5 framework section 4.1 normal form of a section 4.3 compact expression, computed
 * with bounds: a policy expression becomes a list of alternatives, each a list of assertions whose
 * nested policies are normalized in turn. {@code wsp:PolicyReference} to {@code #id} is resolved
 * within the document (WS-Policy 1.5 section 4.3.4); {@code wsp:Optional} expands into two
 * alternatives (section 4.3.1). Every step is counted against {@link PolicyLimits}; alternative
 * counts are checked before a cross product is built, so a compact policy with a billion
 * alternatives fails fast.
 */
public final class PolicyNormalizer {
  /** One assertion of an alternative. */
  public record Assertion(QName name, Element element, boolean ignorable, Normal nested) {
    public boolean hasNested() {
      return nested != null;
    }
  }

  /** A policy in normal form: its alternatives (none means "cannot be satisfied"). */
  public record Normal(List<List<Assertion>> alternatives) {}

  private final PolicyLimits limits;
  private final Map<String, Element> byId = new HashMap<>();
  private final Set<Element> resolving = new HashSet<>();
  private int steps;
  private int referenceDepth;

  public PolicyNormalizer(Document document, PolicyLimits limits) {
    this.limits = limits;
    for (String ns : new String[] {Ns.WSP15, Ns.WSP12}) {
      NodeList policies = document.getElementsByTagNameNS(ns, "Policy");
      for (int i = 0; i < policies.getLength(); i++) {
        Element p = (Element) policies.item(i);
        String id = Dom.attribute(p, Ns.WSU, "Id");
        if (id == null) {
          id = Dom.attribute(p, javax.xml.XMLConstants.XML_NS_URI, "id");
        }
        if (id != null) {
          byId.putIfAbsent(id, p);
        }
      }
    }
  }

  public static boolean isPolicyNs(String ns) {
    return Ns.WSP15.equals(ns) || Ns.WSP12.equals(ns);
  }

  /** The normal form of a policy expression ({@code wsp:Policy}, All, ExactlyOne or reference). */
  public Normal normalize(Element expression) throws PolicyException {
    return new Normal(term(expression));
  }

  /** The normal form of the conjunction of {@code expressions} (policies attached to a subject). */
  public Normal merge(List<Element> expressions) throws PolicyException {
    List<List<Assertion>> alts = List.of(List.of());
    for (Element e : expressions) {
      alts = cross(alts, term(e));
    }
    return new Normal(alts);
  }

  private List<List<Assertion>> term(Element e) throws PolicyException {
    if (++steps > limits.maxExpansionSteps()) {
      throw new PolicyException(
          "policy normalization took more than PolicyLimits.maxExpansionSteps ("
              + limits.maxExpansionSteps()
              + ") steps");
    }
    String ns = e.getNamespaceURI();
    if (isPolicyNs(ns)) {
      switch (e.getLocalName()) {
        case "Policy", "All" -> {
          List<List<Assertion>> alts = List.of(List.of());
          for (Element c : Dom.childElements(e)) {
            alts = cross(alts, term(c));
          }
          return alts;
        }
        case "ExactlyOne" -> {
          List<List<Assertion>> alts = new ArrayList<>();
          for (Element c : Dom.childElements(e)) {
            List<List<Assertion>> more = term(c);
            if ((long) alts.size() + more.size() > limits.maxAlternatives()) {
              throw tooMany();
            }
            alts.addAll(more);
          }
          return alts;
        }
        case "PolicyReference" -> {
          Element target = resolve(e);
          try {
            return term(target);
          } finally {
            resolving.remove(target);
            referenceDepth--;
          }
        }
        default ->
            throw new PolicyException(
                "unknown WS-Policy element wsp:" + e.getLocalName() + " (WS-Policy 1.5 section 4)");
      }
    }
    // An assertion (WS-Policy 1.5 section 3.1), possibly with one nested policy (section 4.3.2).
    Element nestedPolicy = null;
    for (Element c : Dom.childElements(e)) {
      if (isPolicyNs(c.getNamespaceURI()) && "Policy".equals(c.getLocalName())) {
        if (nestedPolicy != null) {
          throw new PolicyException(
              "assertion "
                  + qname(e)
                  + " has two nested wsp:Policy elements (WS-Policy 1.5 4.3.2)");
        }
        nestedPolicy = c;
      } else if (isPolicyNs(c.getNamespaceURI()) && "PolicyReference".equals(c.getLocalName())) {
        throw new PolicyException(
            "assertion " + qname(e) + " has a wsp:PolicyReference in place of a nested wsp:Policy");
      }
    }
    Normal nested = nestedPolicy == null ? null : new Normal(term(nestedPolicy));
    boolean ignorable = isTrue(e, "Ignorable");
    Assertion a = new Assertion(qname(e), e, ignorable, nested);
    if (isTrue(e, "Optional")) {
      // WS-Policy 1.5 section 4.3.1: Optional="true" is an ExactlyOne of (assertion) and ().
      return List.of(List.of(a), List.of());
    }
    return List.of(List.of(a));
  }

  private Element resolve(Element ref) throws PolicyException {
    String uri = Dom.attribute(ref, null, "URI");
    if (uri == null || !uri.startsWith("#") || uri.length() < 2) {
      throw new PolicyException(
          "wsp:PolicyReference URI "
              + uri
              + " is not supported; only same-document references #id are followed");
    }
    Element target = byId.get(uri.substring(1));
    if (target == null) {
      throw new PolicyException(
          "wsp:PolicyReference " + uri + " names no wsp:Policy in the document");
    }
    if (!resolving.add(target)) {
      throw new PolicyException("wsp:PolicyReference " + uri + " refers to itself (a cycle)");
    }
    if (referenceDepth + 1 > limits.maxReferenceDepth()) {
      resolving.remove(target);
      throw new PolicyException(
          "wsp:PolicyReference chain deeper than PolicyLimits.maxReferenceDepth ("
              + limits.maxReferenceDepth()
              + ")");
    }
    referenceDepth++;
    // The caller normalizes the target and releases both guards when done.
    return target;
  }

  private List<List<Assertion>> cross(List<List<Assertion>> a, List<List<Assertion>> b)
      throws PolicyException {
    if ((long) a.size() * b.size() > limits.maxAlternatives()) {
      throw tooMany();
    }
    List<List<Assertion>> out = new ArrayList<>(a.size() * b.size());
    for (List<Assertion> x : a) {
      for (List<Assertion> y : b) {
        List<Assertion> both = new ArrayList<>(x.size() + y.size());
        both.addAll(x);
        both.addAll(y);
        out.add(both);
      }
    }
    return out;
  }

  private PolicyException tooMany() {
    return new PolicyException(
        "policy expression has more than PolicyLimits.maxAlternatives ("
            + limits.maxAlternatives()
            + ") alternatives in normal form (WS-Policy 1.5 section 4.1); refusing to expand it");
  }

  private static boolean isTrue(Element e, String localName) {
    for (String ns : new String[] {Ns.WSP15, Ns.WSP12}) {
      String v = Dom.attribute(e, ns, localName);
      if (v != null) {
        return "true".equals(v.trim()) || "1".equals(v.trim());
      }
    }
    return false;
  }

  private static QName qname(Element e) {
    return new QName(e.getNamespaceURI() == null ? "" : e.getNamespaceURI(), e.getLocalName());
  }
}
