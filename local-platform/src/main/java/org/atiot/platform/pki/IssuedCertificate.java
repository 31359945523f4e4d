package org.atiot.platform.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.atiot.core.io.OwnerOnlyFiles;

/** A certificate issued by a {@link LocalCa}, with its private key, both as PEM. */
public final class IssuedCertificate {
    private final String certificatePem;
    private final String privateKeyPem;

    IssuedCertificate(String certificatePem, String privateKeyPem) {
        this.certificatePem = certificatePem;
        this.privateKeyPem = privateKeyPem;
    }

    public static IssuedCertificate load(Path certPem, Path keyPem) throws IOException {
        return new IssuedCertificate(java.nio.file.Files.readString(certPem), java.nio.file.Files.readString(keyPem));
    }

    public String certificatePem() {
        return certificatePem;
    }

    public String privateKeyPem() {
        return privateKeyPem;
    }

    /** Writes the certificate (0644) and the key (0600). */
    public void writeTo(Path certPem, Path keyPem) throws IOException {
        Files.createDirectories(certPem.toAbsolutePath().getParent());
        Files.writeString(certPem, certificatePem, StandardCharsets.US_ASCII);
        OwnerOnlyFiles.writeAtomically(keyPem, privateKeyPem.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "IssuedCertificate[key redacted]";
    }
}
