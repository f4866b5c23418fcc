package org.secondopinion.cases.consults;

import java.time.Instant;

/** Where consults take place: a room per consult and a link per participant (adapters: {@link JitsiRooms}). */
public interface VideoRooms {

    /** A new room name nobody can guess. */
    String newRoomName();

    /**
     * The link a participant opens to join the consult's room, usable from {@code validFrom} until {@code validTo}.
     *
     * @param participantId the participant's account id (OIDC subject), never a name
     * @param moderator     whether they run the room (the specialist)
     */
    JoinLink join(String roomName, String participantId, boolean moderator, Instant validFrom, Instant validTo);

    /** @param token the participant's signed room token, or null when the rooms are open to the link's holders */
    record JoinLink(String url, String token, Instant validFrom, Instant validTo) {
    }
}
