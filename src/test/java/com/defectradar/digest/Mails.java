package com.defectradar.digest;

import com.defectradar.support.GreenMailResource;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what the SMTP server received: per recipient, and the parts and sections of a digest. */
final class Mails {

    private Mails() {
    }

    /** GreenMail keeps one copy per recipient: these are the copies delivered to {@code address}. */
    static List<MimeMessage> to(String address) {
        return GreenMailResource.smtp().findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address),
                message -> true).toList();
    }

    static int total() {
        return GreenMailResource.smtp().getReceivedMessages().length;
    }

    static MimeMessage only(String address) {
        List<MimeMessage> messages = to(address);
        if (messages.size() != 1) {
            throw new AssertionError(address + " received " + messages.size() + " messages, expected 1");
        }
        return messages.getFirst();
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> recipients(MimeMessage message) {
        try {
            List<String> to = new ArrayList<>();
            for (var address : message.getRecipients(Message.RecipientType.TO)) {
                to.add(address.toString());
            }
            return to;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The decoded text of the part with this MIME type. SMTP carries lines ending in CRLF; they are turned back
     * into the LF the service rendered, so parts compare with what the service produced.
     */
    static String part(MimeMessage message, String mimeType) {
        try {
            String found = find(message.getContent(), message.getContentType(), mimeType);
            if (found == null) {
                throw new AssertionError("No " + mimeType + " part in " + message.getContentType());
            }
            return found.replace("\r\n", "\n");
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(Object content, String contentType, String mimeType) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String found = find(part.getContent(), part.getContentType(), mimeType);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return contentType.toLowerCase().startsWith(mimeType) && content instanceof String text ? text : null;
    }

    /** Section title (without its count) to the titles of the alerts listed under it, from the text part. */
    static Map<String, List<String>> sections(String text) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("== ") && line.endsWith(" ==")) {
                String title = line.substring(3, line.length() - 3).replaceAll(" \\(\\d+\\)$", "");
                current = new ArrayList<>();
                sections.put(title, current);
            } else if (current != null && line.startsWith("* [")) {
                current.add(line.substring(line.indexOf("] ") + 2));
            }
        }
        return sections;
    }
}
