package org.secondopinion.specialist.profile;

/**
 * ETag of a profile: its optimistic-lock version. PATCH /me with If-Match fails fast (412) on a stale copy
 * instead of silently overwriting an edit made meanwhile, e.g. from a second browser tab.
 */
public final class ProfileEtag {

    private ProfileEtag() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** Accepts a strong or weak form of the current ETag, or {@code *}; null means the client did not ask. */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = of(currentVersion);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(current)) {
                return;
            }
        }
        throw new PreconditionFailedProblem(current);
    }
}
