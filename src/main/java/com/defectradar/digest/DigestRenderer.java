package com.defectradar.digest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Lays a {@link Digest} out as an e-mail: templates/digest/html.html (tables and inline styles, no scripts or
 * external resources, because that is what mail clients render) and templates/digest/text.txt. Type-checked
 * templates: a misspelt property fails the build, not a Monday morning.
 */
@ApplicationScoped
public class DigestRenderer {

    @CheckedTemplate(basePath = "digest")
    static class Templates {
        static native TemplateInstance html(Digest digest);

        static native TemplateInstance text(Digest digest);
    }

    public RenderedDigest render(Digest digest) {
        // No trailing line break: MIME encoding does not carry one through, and the preview must be what arrives.
        return new RenderedDigest(digest.subject(), Templates.html(digest).render().stripTrailing(),
                Templates.text(digest).render().stripTrailing(), digest.counts().total());
    }

    /** A digest as it is mailed. */
    public record RenderedDigest(String subject, String html, String text, int alertCount) {
    }
}
