package org.secondopinion.notification.feed;

import org.secondopinion.notification.routing.NotificationIntent;
import org.secondopinion.platform.security.Roles;

import java.util.ArrayList;
import java.util.List;

/** The recipients whose feed items a caller sees: their own, plus their role's shared items (coordinators). */
public final class Audience {

    private Audience() {
    }

    public static List<String> of(String userId, boolean coordinator) {
        List<String> recipients = new ArrayList<>(2);
        // a subject that looks like a role address must never unlock that role's items
        if (userId != null && !userId.startsWith(NotificationIntent.ROLE_PREFIX)) {
            recipients.add(userId);
        }
        if (coordinator) {
            recipients.add(NotificationIntent.role(Roles.COORDINATOR));
        }
        return List.copyOf(recipients);
    }
}
