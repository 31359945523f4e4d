package org.atiot.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.atiot.core.AtSign;
import org.atiot.core.crypto.Digests;
import org.atiot.core.keys.AtKeys;
import org.atiot.core.keys.AtKeysFile;
import org.atiot.core.keys.AtKeysGenerator;
import org.atiot.core.apkam.DeviceEnrollment;
import org.atiot.core.protocol.AtClientOptions;

/** {@code atiot keys}: make and inspect .atKeys files. */
final class KeysCommand implements Command {
    @Override
    public String name() {
        return "keys";
    }

    @Override
    public String summary() {
        return "generate a key file, show public key fingerprints";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: atiot keys generate <@atsign> [--out FILE] [--force]",
                "       atiot keys show <FILE> [--atsign @atsign]",
                "       atiot keys enroll <@atsign> --otp CODE --device NAME [--namespace atiot:rw] [--out FILE]",
                "                         [--wait 30m] [--directory H:P] [--ca FILE]",
                "       atiot keys otp|requests (--as @owner | --keys FILE) [--directory H:P] [--ca FILE]",
                "       atiot keys approve|deny <enrollment-id> (--as @owner | --keys FILE) [...]",
                "",
                "generate  writes fresh PKAM and encryption key pairs and a self-encryption key to FILE",
                "          (default ~/.atsign/keys/@atsign_key.atKeys), mode 0600; refuses to overwrite without --force",
                "show      prints the atSign, enrollment id and the MD5 fingerprints (pubKeyCS) of the public keys;",
                "          never prints private key material",
                "enroll    on a new device: makes the device's own APKAM key pair, asks to join <@atsign> (namespace",
                "          atiot by default) and waits for the owner's decision; then writes the device's key file",
                "otp       on the owner's side: a one-time code for the device's enroll request",
                "requests  pending enrollment requests; approve / deny decide one (approve sends the atSign's",
                "          encryption keys to the device, encrypted with the device's own key)");
    }

    @Override
    public int run(List<String> argv, Console console) throws Exception {
        java.util.Set<String> valued = new java.util.HashSet<>(ConnectionFlags.VALUED);
        valued.addAll(Set.of("out", "atsign", "otp", "device", "namespace", "wait", "app"));
        Args args = Args.parse(argv, valued, Set.of("force"));
        List<String> words = args.positionals();
        if (words.isEmpty()) {
            throw new UsageException("say what to do: generate or show");
        }
        switch (words.get(0)) {
            case "generate":
                return generate(args, console);
            case "show":
                return show(args, console);
            case "enroll":
                return enroll(args, console);
            case "otp":
            case "requests":
            case "approve":
            case "deny":
                return new EnrollmentDecisions(ConnectionFlags.from(args), console).run(words);
            default:
                throw new UsageException("unknown keys action '" + words.get(0) + "'");
        }
    }

    private int generate(Args args, Console console) throws Exception {
        if (args.positionals().size() != 2) {
            throw new UsageException("generate needs exactly one atSign");
        }
        AtSign atSign = atSign(args.positionals().get(1));
        Path out = Path.of(args.option("out", AtKeysFile.defaultLocation(atSign).toString()));
        if (Files.exists(out) && !args.flag("force")) {
            console.error(out + " already exists; use --force to replace it (the old keys are then lost)");
            return ExitCode.FAILED;
        }
        console.err().println("generating RSA-2048 key pairs for " + atSign + " ...");
        AtKeys keys = AtKeysGenerator.newAtSign(atSign);
        AtKeysFile.write(keys, out);
        console.out().println("wrote " + out);
        printFingerprints(keys, console);
        return ExitCode.OK;
    }

    private int show(Args args, Console console) throws Exception {
        if (args.positionals().size() != 2) {
            throw new UsageException("show needs exactly one key file");
        }
        Path file = Path.of(args.positionals().get(1));
        String atSign = args.option("atsign", null);
        AtKeys keys = atSign == null ? AtKeysFile.read(file) : AtKeysFile.read(file, atSign(atSign));
        console.out().println("atSign:         " + keys.atSign());
        console.out().println("enrollment id:  " + keys.enrollmentId().orElse("(none: legacy PKAM key)"));
        printFingerprints(keys, console);
        return ExitCode.OK;
    }

    private int enroll(Args args, Console console) throws Exception {
        if (args.positionals().size() != 2) {
            throw new UsageException("enroll needs exactly one atSign");
        }
        AtSign atSign = atSign(args.positionals().get(1));
        Path out = Path.of(args.option("out", AtKeysFile.defaultLocation(atSign).toString()));
        if (Files.exists(out) && !args.flag("force")) {
            console.error(out + " already exists; use --force to replace it");
            return ExitCode.FAILED;
        }
        String[] ns = args.option("namespace", "atiot:rw").split(":");
        if (ns.length != 2 || !(ns[1].equals("r") || ns[1].equals("rw"))) {
            throw new UsageException("--namespace takes NAME:r or NAME:rw, e.g. atiot:rw");
        }
        AtClientOptions options = ConnectionFlags.clientOptions(args);
        console.err().println("generating this device's APKAM key pair ...");
        DeviceEnrollment request = DeviceEnrollment.request(atSign, options, args.requiredOption("otp"),
                args.option("app", "atiot"), args.requiredOption("device"), java.util.Map.of(ns[0], ns[1]));
        console.out().println("enrollment " + request.enrollmentId() + " requested; approve it on the owner's side:");
        console.out().println("  atiot keys approve " + request.enrollmentId() + " --as " + atSign);
        AtKeys keys = request.awaitApproval(java.time.Duration.ofSeconds(5),
                args.duration("wait", java.time.Duration.ofMinutes(30)));
        AtKeysFile.write(keys, out);
        console.out().println("approved; wrote " + out);
        printFingerprints(keys, console);
        return ExitCode.OK;
    }

    private static void printFingerprints(AtKeys keys, Console console) {
        console.out().println("pkam key:       md5 " + Digests.publicKeyChecksum(keys.pkam().publicKey().base64()));
        console.out().println("encryption key: md5 " + Digests.publicKeyChecksum(keys.encryption().publicKey().base64()));
    }

    private static AtSign atSign(String text) throws UsageException {
        try {
            return AtSign.of(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
