package org.atiot.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.atiot.core.crypto.AesKey;
import org.atiot.core.crypto.Base64s;
import org.atiot.core.crypto.HashAlgorithm;
import org.atiot.core.crypto.RsaKeyPair;
import org.atiot.core.crypto.RsaPrivateKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Our BouncyCastle-lightweight crypto against the JDK's own JCA providers doing the same work in the same run:
 * AES-256-CTR with PKCS#7 pre-padding over a typical telemetry batch, the PKAM signature, and the RSA decryption of
 * a shared key. Method names pair up as {@code <operation>Ours} / {@code <operation>Jca}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CryptoBench {
    private String batch;
    private AesKey aesKey;
    private byte[] iv;
    private SecretKeySpec jcaAesKey;
    private RsaPrivateKey rsaKey;
    private PrivateKey jcaRsaKey;
    private String challenge;
    private String wrappedKey;
    private byte[] wrappedKeyBytes;

    @Setup
    public void setUp() throws Exception {
        StringBuilder sb = new StringBuilder("{\"v\":1,\"device\":\"@pi01\",\"readings\":[");
        for (int i = 0; i < 50; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"sensor\":\"greenhouse\",\"seq\":").append(1000 + i)
              .append(",\"t\":1764028800").append(100 + i).append(",\"temperature_c\":21.").append(i % 10)
              .append(",\"humidity_pct\":55.").append(i % 7).append("}");
        }
        batch = sb.append("]}").toString();
        aesKey = AesKey.generate();
        iv = AesKey.randomIv();
        jcaAesKey = new SecretKeySpec(Base64s.decode(aesKey.base64(), "key"), "AES");
        RsaKeyPair pair = RsaKeyPair.generate();
        rsaKey = pair.privateKey();
        jcaRsaKey = KeyFactory.getInstance("RSA").generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(rsaKey.base64())));
        challenge = "_3dee4502-f184-4ecf-bfc1-c3299a303339@pi01:b39bf5c4-3d76-438a-a7b1-deb70aca7bf6";
        wrappedKey = pair.publicKey().encrypt(AesKey.generate().base64());
        wrappedKeyBytes = Base64.getDecoder().decode(wrappedKey);
    }

    @Benchmark
    public String aesEncryptBatchOurs() {
        return aesKey.encrypt(batch, iv);
    }

    @Benchmark
    public String aesEncryptBatchJca() throws Exception {
        byte[] plain = batch.getBytes(StandardCharsets.UTF_8);
        int pad = 16 - plain.length % 16;
        byte[] padded = Arrays.copyOf(plain, plain.length + pad);
        Arrays.fill(padded, plain.length, padded.length, (byte) pad);
        Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, jcaAesKey, new IvParameterSpec(iv));
        return Base64.getEncoder().encodeToString(cipher.doFinal(padded));
    }

    @Benchmark
    public String rsaSignOurs() {
        return rsaKey.sign(challenge, HashAlgorithm.SHA256);
    }

    @Benchmark
    public String rsaSignJca() throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(jcaRsaKey);
        signature.update(challenge.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(signature.sign());
    }

    @Benchmark
    public String rsaDecryptOurs() throws Exception {
        return rsaKey.decrypt(wrappedKey);
    }

    @Benchmark
    public String rsaDecryptJca() throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        cipher.init(Cipher.DECRYPT_MODE, jcaRsaKey);
        return new String(cipher.doFinal(wrappedKeyBytes), StandardCharsets.UTF_8);
    }
}
