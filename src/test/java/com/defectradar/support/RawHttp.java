package com.defectradar.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a bare socket, for request targets no URI class accepts (e.g. {@code %zz}): what a hostile
 * client can send, the service must answer. One request per connection; GET without body only.
 */
public final class RawHttp {

    private RawHttp() {
    }

    public static Http.Answer get(URI base, String target, String authorization) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                    .append("Connection: close\r\n");
            if (authorization != null) {
                request.append("Authorization: ").append(authorization).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + target + " failed", e);
        }
    }

    private static Http.Answer parse(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            throw new IllegalStateException("no complete HTTP answer: " + text);
        }
        String[] lines = text.substring(0, headerEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = null;
        java.util.Map<String, java.util.List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).strip();
            String value = lines[i].substring(colon + 1).strip();
            headers.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
            if (name.toLowerCase(Locale.ROOT).equals("content-type")) {
                contentType = value;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(response, headerEnd + 4, response.length - headerEnd - 4);
        String bodyText = body.toString(StandardCharsets.UTF_8);
        if (headers.containsKey("Transfer-Encoding")) {
            bodyText = dechunk(bodyText);
        }
        return new Http.Answer(status, contentType, bodyText, java.net.http.HttpHeaders.of(headers, (a, b) -> true));
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
