package org.atiot.platform.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.atiot.core.crypto.RsaKeyPair;
import org.atiot.core.crypto.SecureRandoms;
import org.atiot.core.io.OwnerOnlyFiles;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcRSAContentSignerBuilder;

/**
 * A certificate authority of the local platform's own, so that its atServers can use TLS with hostname
 * verification left ON: clients trust this CA's certificate (a PEM file) in addition to the system CAs.
 *
 * <p>Built with BouncyCastle's lightweight builders ({@code bcpkix} + {@code BcRSAContentSignerBuilder}); no JCA
 * provider is registered.
 */
public final class LocalCa {
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** Certificates start an hour in the past, so a peer whose clock is slightly behind still accepts them. */
    private static final Duration BACKDATE = Duration.ofHours(1);

    private final X509CertificateHolder certificate;
    private final AsymmetricKeyParameter signingKey;
    private final byte[] privateKeyDer;

    private LocalCa(X509CertificateHolder certificate, byte[] privateKeyDer) throws IOException {
        this.certificate = certificate;
        this.privateKeyDer = privateKeyDer;
        this.signingKey = PrivateKeyFactory.createKey(privateKeyDer);
    }

    /** A new self-signed CA with a fresh RSA-2048 key, valid for ten years. */
    public static LocalCa create(String commonName) {
        RsaKeyPair keys = RsaKeyPair.generate();
        byte[] privateDer = Base64.getDecoder().decode(keys.privateKey().base64());
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(
                Base64.getDecoder().decode(keys.publicKey().base64()));
        X500Name name = name(commonName);
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), name, spki);
            BcX509ExtensionUtils ext = new BcX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(spki));
            return new LocalCa(builder.build(signer(PrivateKeyFactory.createKey(privateDer))), privateDer);
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("building the CA certificate failed", e);
        }
    }

    /** Loads a CA written by {@link #writeTo}. */
    public static LocalCa load(Path caCertPem, Path caKeyPem) throws IOException {
        List<byte[]> certs = Pem.blocks(Files.readString(caCertPem), "CERTIFICATE");
        List<byte[]> keys = Pem.blocks(Files.readString(caKeyPem), "PRIVATE KEY");
        if (certs.size() != 1 || keys.size() != 1) {
            throw new IOException("CA files must hold one certificate and one private key: " + caCertPem + ", "
                    + caKeyPem);
        }
        return new LocalCa(new X509CertificateHolder(certs.get(0)), keys.get(0));
    }

    /**
     * Issues a certificate usable both as a TLS server certificate and as a client certificate (atServers present
     * it when they connect to each other).
     *
     * @param dnsOrIpSans host names and IP addresses the certificate is valid for
     */
    public IssuedCertificate issue(String commonName, List<String> dnsOrIpSans, Duration validity) {
        RsaKeyPair keys = RsaKeyPair.generate();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(
                Base64.getDecoder().decode(keys.publicKey().base64()));
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(certificate.getSubject(), serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), name(commonName), spki);
            BcX509ExtensionUtils ext = new BcX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, sans(dnsOrIpSans));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(spki));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(certificate.getSubjectPublicKeyInfo()));
            X509CertificateHolder issued = builder.build(signer(signingKey));
            return new IssuedCertificate(Pem.certificate(issued.getEncoded()),
                    Pem.privateKey(Base64.getDecoder().decode(keys.privateKey().base64())));
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("issuing a certificate for " + commonName + " failed", e);
        }
    }

    public String certificatePem() {
        try {
            return Pem.certificate(certificate.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of the CA certificate failed", e);
        }
    }

    public String privateKeyPem() {
        return Pem.privateKey(privateKeyDer);
    }

    /** Writes the certificate (0644) and the key (0600). */
    public void writeTo(Path certPem, Path keyPem) throws IOException {
        Files.createDirectories(certPem.toAbsolutePath().getParent());
        Files.writeString(certPem, certificatePem(), StandardCharsets.US_ASCII);
        OwnerOnlyFiles.writeAtomically(keyPem, privateKeyPem().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "LocalCa[" + certificate.getSubject() + "]";
    }

    private static GeneralNames sans(List<String> names) {
        List<GeneralName> out = new ArrayList<>();
        for (String n : names) {
            out.add(isIpLiteral(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
        }
        return new GeneralNames(out.toArray(new GeneralName[0]));
    }

    private static boolean isIpLiteral(String n) {
        if (n.indexOf(':') >= 0) {
            return true;
        }
        if (!n.matches("[0-9.]+")) {
            return false;
        }
        try {
            InetAddress.getByName(n); // a literal: no name lookup happens
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "atiot").addRDN(BCStyle.CN, commonName).build();
    }

    private static BigInteger serial() {
        return new BigInteger(1, SecureRandoms.bytes(16));
    }

    private static ContentSigner signer(AsymmetricKeyParameter key) throws OperatorCreationException {
        AlgorithmIdentifier sig = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withRSA");
        AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(sig);
        return new BcRSAContentSignerBuilder(sig, digest).build(key);
    }
}
