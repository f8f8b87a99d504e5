package org.parley.conversation.client;

import java.util.ArrayList;
import java.util.List;
import org.parley.conversation.policy.ConversationPolicy;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.security.AlgorithmSuite;
import org.parley.security.KeyTransport;
import org.parley.security.SecurityPolicy;

/**
 * The weakest policy a client accepts from a peer's WSDL, whatever the WSDL says: a WSDL is fetched
 * over the network and may be downgraded. By default application and bootstrap messages must sign
 * and encrypt the body, the algorithm suite must be at least Basic128 (128-bit keys), and RSA
 * PKCS#1 v1.5 key transport is refused (WS-SP 1.2 section 6.1; its padding oracle is why). Each
 * relaxation is its own named method. Immutable.
 */
public final class PolicyFloor {
  /** The default floor: signed and encrypted body, Basic128 or stronger, no RSA-1_5. */
  public static final PolicyFloor DEFAULT = new PolicyFloor(true, true, 128, false);

  private final boolean requireSignedBody;
  private final boolean requireEncryptedBody;
  private final int minimumKeyBits;
  private final boolean allowRsa15;

  private PolicyFloor(
      boolean requireSignedBody, boolean requireEncryptedBody, int minimumKeyBits, boolean rsa15) {
    this.requireSignedBody = requireSignedBody;
    this.requireEncryptedBody = requireEncryptedBody;
    this.minimumKeyBits = minimumKeyBits;
    this.allowRsa15 = rsa15;
  }

  /** Accepts a peer whose policy does not encrypt the body (confidentiality lost). */
  public PolicyFloor allowUnencryptedBody() {
    return new PolicyFloor(requireSignedBody, false, minimumKeyBits, allowRsa15);
  }

  /** Accepts a peer whose policy does not sign the body (integrity lost). */
  public PolicyFloor allowUnsignedBody() {
    return new PolicyFloor(false, requireEncryptedBody, minimumKeyBits, allowRsa15);
  }

  /** Setting {@code minimumKeyBits}: the shortest suite key accepted (128, 192 or 256). */
  public PolicyFloor minimumKeyBits(int bits) {
    if (bits != 128 && bits != 192 && bits != 256) {
      throw new IllegalArgumentException("minimumKeyBits must be 128, 192 or 256, was " + bits);
    }
    return new PolicyFloor(requireSignedBody, requireEncryptedBody, bits, allowRsa15);
  }

  /** Accepts RSA PKCS#1 v1.5 key transport, open to Bleichenbacher-style padding oracles. */
  public PolicyFloor allowRsa15KeyTransportPaddingOracle() {
    return new PolicyFloor(requireSignedBody, requireEncryptedBody, minimumKeyBits, true);
  }

  public int minimumKeyBits() {
    return minimumKeyBits;
  }

  /**
   * Refuses {@code policy} when it is weaker than this floor, naming every shortfall and the method
   * that would accept it.
   *
   * @throws ParleyFault {@link FaultCode#UNSUPPORTED_ALGORITHM} for a weak suite or key transport,
   *     {@link FaultCode#INVALID_SECURITY} for an unsigned or unencrypted body
   */
  public void check(ConversationPolicy policy) throws ParleyFault {
    List<String> shortfalls = new ArrayList<>();
    FaultCode code = FaultCode.INVALID_SECURITY;
    for (var part :
        List.of(
            new Part("application messages", policy.messagePolicy()),
            new Part("the bootstrap", policy.bootstrap().securityPolicy()))) {
      SecurityPolicy p = part.policy;
      if (requireSignedBody && !p.signBody()) {
        shortfalls.add(part.name + " do not sign the body (PolicyFloor.allowUnsignedBody)");
      }
      if (requireEncryptedBody && !p.encryptBody()) {
        shortfalls.add(part.name + " do not encrypt the body (PolicyFloor.allowUnencryptedBody)");
      }
      AlgorithmSuite suite = p.algorithmSuite();
      int bits = suite.dataEncryption().keyLengthBytes() * 8;
      if (bits < minimumKeyBits || suite.minimumSymmetricKeyLengthBytes() * 8 < minimumKeyBits) {
        code = FaultCode.UNSUPPORTED_ALGORITHM;
        shortfalls.add(
            part.name
                + " use suite "
                + suite.name()
                + " with "
                + bits
                + "-bit keys, below minimumKeyBits="
                + minimumKeyBits);
      }
      if (!allowRsa15 && suite.keyTransport() == KeyTransport.RSA_1_5) {
        code = FaultCode.UNSUPPORTED_ALGORITHM;
        shortfalls.add(
            part.name
                + " wrap keys with RSA PKCS#1 v1.5"
                + " (PolicyFloor.allowRsa15KeyTransportPaddingOracle)");
      }
    }
    if (!shortfalls.isEmpty()) {
      throw new ParleyFault(
          code,
          "the peer's policy is weaker than this client's PolicyFloor: "
              + String.join("; ", shortfalls));
    }
  }

  private record Part(String name, SecurityPolicy policy) {}

  @Override
  public String toString() {
    return "PolicyFloor[signedBody="
        + requireSignedBody
        + ", encryptedBody="
        + requireEncryptedBody
        + ", minimumKeyBits="
        + minimumKeyBits
        + ", rsa15="
        + allowRsa15
        + "]";
  }
}
