package org.secondopinion.specialist.availability;

import org.secondopinion.specialist.directory.DirectoryFixtures;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Specialists with an account, and availability bodies. */
final class AvailabilityFixtures {

    private AvailabilityFixtures() {
    }

    /** A directory entry whose account is {@code userId}; its id. */
    static String specialistWithAccount(String userId) {
        Map<String, Object> body = DirectoryFixtures.specialist(DirectoryFixtures.uniqueTag());
        body.put("userId", userId);
        return DirectoryFixtures.create(body);
    }

    /** Tuesdays 17:00–19:00 Los Angeles time, 30-minute slots, 10 minutes' buffer, one blocked Tuesday. */
    static Map<String, Object> tuesdayEvenings() {
        Map<String, Object> body = new HashMap<>();
        body.put("timeZone", "America/Los_Angeles");
        body.put("slotMinutes", 30);
        body.put("bufferMinutes", 10);
        body.put("weekly", List.of(Map.of("day", "TUESDAY", "from", "17:00", "to", "19:00")));
        body.put("exceptions", List.of(Map.of("date", "2099-12-29", "kind", "BLOCKED")));
        return body;
    }
}
