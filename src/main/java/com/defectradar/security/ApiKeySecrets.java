package com.defectradar.security;

import com.defectradar.common.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of issued keys and how their secrets are stored.
 *
 * <p>A key reads {@code dr_<id>_<secret>}: the id (16 base32 characters) finds the row with one index lookup,
 * the secret is 32 random bytes. Only a per-key salt and SHA-256(salt ‖ secret) are stored. A fast hash is
 * enough here because the secret carries 256 bits of entropy: nobody can guess it from the hash, however many
 * hashes per second they afford, whereas a slow password hash (PBKDF2, bcrypt) would only cost every request
 * CPU time. Slow hashes protect low-entropy human passwords, which these are not.
 */
public final class ApiKeySecrets {

    static final String PREFIX = "dr_";
    private static final Pattern ID = Pattern.compile("[a-z2-7]{16}");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    /** A freshly issued key: the full key (shown once) and what is stored of it. */
    public record Issued(String id, String key, byte[] salt, byte[] hash) {
        @Override
        public String toString() {
            return "Issued[id=" + id + "]"; // never the key
        }
    }

    /** A key as presented in a request, split into the lookup id and the secret to verify. */
    public record Presented(String id, String secret) {
        @Override
        public String toString() {
            return "Presented[id=" + id + "]";
        }
    }

    public static Issued issue() {
        StringBuilder id = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            id.append(BASE32[RANDOM.nextInt(BASE32.length)]);
        }
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new Issued(id.toString(), PREFIX + id + "_" + secret, salt, hash(salt, secret));
    }

    /** Splits a presented key; empty when it does not have the issued shape (then no lookup is needed). */
    public static Optional<Presented> parse(String key) {
        if (key == null || !key.startsWith(PREFIX) || key.length() > 200) {
            return Optional.empty();
        }
        int separator = key.indexOf('_', PREFIX.length());
        if (separator < 0) {
            return Optional.empty();
        }
        String id = key.substring(PREFIX.length(), separator);
        String secret = key.substring(separator + 1);
        return ID.matcher(id).matches() && !secret.isEmpty() ? Optional.of(new Presented(id, secret)) : Optional.empty();
    }

    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static byte[] hash(byte[] salt, String secret) {
        MessageDigest digest = Sha256.digest();
        digest.update(salt);
        return digest.digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hash(String key) {
        return Sha256.of(key);
    }

    /** Constant-time, so response times do not tell how much of a guess was right. */
    public static boolean sameHash(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }
}
