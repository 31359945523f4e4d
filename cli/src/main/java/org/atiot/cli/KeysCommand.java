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
                "",
                "generate  writes fresh PKAM and encryption key pairs and a self-encryption key to FILE",
                "          (default ~/.atsign/keys/@atsign_key.atKeys), mode 0600; refuses to overwrite without --force",
                "show      prints the atSign, enrollment id and the MD5 fingerprints (pubKeyCS) of the public keys;",
                "          never prints private key material");
    }

    @Override
    public int run(List<String> argv, Console console) throws Exception {
        Args args = Args.parse(argv, Set.of("out", "atsign"), Set.of("force"));
        List<String> words = args.positionals();
        if (words.isEmpty()) {
            throw new UsageException("say what to do: generate or show");
        }
        switch (words.get(0)) {
            case "generate":
                return generate(args, console);
            case "show":
                return show(args, console);
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
