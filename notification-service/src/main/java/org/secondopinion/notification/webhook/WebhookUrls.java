package org.secondopinion.notification.webhook;

import org.secondopinion.platform.problem.InvalidFieldProblem;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The rules for a webhook's URL; plain Java so the rules are unit-tested without a server. */
public final class WebhookUrls {

    public static final int MAX_LENGTH = 2000;
    static final String FIELD = "url";

    private WebhookUrls() {
    }

    /**
     * Returns {@code url} if it is an absolute {@code https} URL (or {@code http} when {@code allowHttp}) with a
     * host, at most {@value #MAX_LENGTH} characters; otherwise a 400 naming {@code url}.
     */
    public static String check(String url, boolean allowHttp) {
        if (url == null || url.isBlank()) {
            throw new InvalidFieldProblem(FIELD, "must not be blank");
        }
        String trimmed = url.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw new InvalidFieldProblem(FIELD, "must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new InvalidFieldProblem(FIELD, "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidFieldProblem(FIELD, "must be an absolute https URL such as https://clinic.example/hooks");
        }
        if (scheme.equals("http") && !allowHttp) {
            throw new InvalidFieldProblem(FIELD, "must use https: referral updates only travel encrypted");
        }
        // credentials in the URL would be stored and listed back in clear; the signature authenticates us instead
        if (uri.getRawUserInfo() != null) {
            throw new InvalidFieldProblem(FIELD, "must not contain a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidFieldProblem(FIELD, "must not contain a #fragment");
        }
        return trimmed;
    }
}
