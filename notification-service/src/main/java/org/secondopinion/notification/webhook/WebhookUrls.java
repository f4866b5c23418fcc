package org.secondopinion.notification.webhook;

import org.secondopinion.platform.problem.InvalidFieldProblem;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rules for a webhook's URL; plain Java so the rules are unit-tested without a server. */
public final class WebhookUrls {

    public static final int MAX_LENGTH = 2000;
    static final String FIELD = "url";

    /** WHATWG's "ends in a number": a host a URL parser would read as an IPv4 address, in any of its spellings. */
    private static final Pattern NUMERIC_HOST = Pattern.compile("(?i)(.*\\.)?([0-9]+|0x[0-9a-f]*)");
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern DOTTED_QUAD = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

    private WebhookUrls() {
    }

    /**
     * Returns {@code url} if it is an absolute {@code https} URL (or {@code http} when {@code allowHttp}) with a
     * host, at most {@value #MAX_LENGTH} characters, whose host (unless {@code allowPrivateAddresses}) is neither
     * {@code localhost} nor an IP address that is not public ({@link PublicAddresses}); otherwise a 400 naming
     * {@code url}. Names are not resolved here: what they point to may change, so the worker checks every
     * delivery's resolved addresses too.
     */
    public static String check(String url, boolean allowHttp, boolean allowPrivateAddresses) {
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
        if (!allowPrivateAddresses) {
            requirePublicHost(uri.getHost());
        }
        return trimmed;
    }

    /** Refuses a host that certainly points inside: localhost, or an IP literal that is not a public address. */
    private static void requirePublicHost(String host) {
        String name = host.toLowerCase(Locale.ROOT).replaceAll("\\.+$", "");
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            throw notPublic(host, "this server (localhost)");
        }
        String literal;
        if (name.startsWith("[")) {
            literal = name.substring(1, name.length() - 1);
            if (literal.contains("%")) { // a zone (network interface) only means something for link-local addresses
                throw notPublic(host, "a link-local address");
            }
        } else if (NUMERIC_HOST.matcher(name).matches()) {
            // 2130706433, 0x7f.1, 0177.0.0.1 and 127.1 are all 127.0.0.1 to some parser: only one spelling is taken
            if (!DOTTED_QUAD.matcher(name).matches()) {
                throw new InvalidFieldProblem(FIELD, "must give an IPv4 address as four decimal numbers, "
                        + "such as 203.0.113.10");
            }
            literal = name;
        } else {
            return; // a name: checked against what it resolves to at every delivery
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(literal); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new InvalidFieldProblem(FIELD, "is not a valid URL");
        }
        PublicAddresses.whyNotPublic(address).ifPresent(kind -> {
            throw notPublic(host, "a " + kind + " address");
        });
    }

    private static InvalidFieldProblem notPublic(String host, String what) {
        return new InvalidFieldProblem(FIELD, "must point to a public address on the internet: " + host + " is "
                + what);
    }
}
