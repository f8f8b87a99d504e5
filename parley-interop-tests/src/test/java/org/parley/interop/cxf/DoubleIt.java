package org.parley.interop.cxf;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import javax.xml.namespace.QName;

/**
 * Names of the DoubleIt contract, and its JAXB wrapper beans (hand-written, no code generation).
 */
public final class DoubleIt {
  public static final String NS = "http://example.org/wssc-peer/doubleit";
  public static final String ACTION = NS + "/DoubleIt";
  public static final String RESPONSE_ACTION = NS + "/DoubleItResponse";
  public static final QName SERVICE = new QName(NS, "DoubleItService");

  private DoubleIt() {}

  /** {@code <DoubleIt><numberToDouble>}. */
  @XmlRootElement(name = "DoubleIt", namespace = NS)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "",
      propOrder = {"numberToDouble"})
  public static class Request {
    @XmlElement(namespace = NS)
    protected int numberToDouble;

    public int getNumberToDouble() {
      return numberToDouble;
    }

    public void setNumberToDouble(int value) {
      this.numberToDouble = value;
    }
  }

  /** {@code <DoubleItResponse><doubledNumber>}. */
  @XmlRootElement(name = "DoubleItResponse", namespace = NS)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "",
      propOrder = {"doubledNumber"})
  public static class Response {
    @XmlElement(namespace = NS)
    protected int doubledNumber;

    public int getDoubledNumber() {
      return doubledNumber;
    }

    public void setDoubledNumber(int value) {
      this.doubledNumber = value;
    }
  }
}
