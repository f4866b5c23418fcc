package org.secondopinion.notification.feed;

import org.eclipse.microprofile.openapi.annotations.Operation;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.secondopinion.notification.feed.NotificationDtos.MarkedRead;
import org.secondopinion.notification.feed.NotificationDtos.NotificationView;
import org.secondopinion.notification.feed.NotificationDtos.UnreadCount;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;
import org.secondopinion.platform.web.PageParams;
import org.secondopinion.platform.web.PageResult;

import java.util.List;
import java.util.UUID;

/** The caller's in-app feed: any signed-in user; coordinators also see the items addressed to their role. */
@Path("/api/v1/notifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final FeedService feed;
    private final CurrentUser user;

    private final FeedStream stream;

    public NotificationResource(FeedService feed, CurrentUser user, FeedStream stream) {
        this.feed = feed;
        this.user = user;
        this.stream = stream;
    }

    /** Newest first; {@code unread=true} only unread items, {@code unread=false} only read ones. */
    @GET
    public PageResult<NotificationView> list(@QueryParam("unread") Boolean unread, @BeanParam @Valid PageParams page) {
        return feed.page(audience(), unread, page);
    }

    @GET
    @Path("unread-count")
    @Operation(operationId = "countUnreadNotifications")
    public UnreadCount unreadCount() {
        return new UnreadCount(feed.unreadCount(audience()));
    }

    @POST
    @Path("{id}/read")
    @Operation(operationId = "markNotificationRead")
    public NotificationView markRead(@PathParam("id") UUID id) {
        return feed.markRead(id, audience()).orElseThrow(() -> new NotFoundProblem("notification", id));
    }

    @POST
    @Path("read-all")
    @Operation(operationId = "markAllNotificationsRead")
    public MarkedRead markAllRead() {
        return new MarkedRead(feed.markAllRead(audience()));
    }

    /**
     * Live feed (Server-Sent Events, event name {@code notification}, id = resume point). A client reconnecting
     * with {@code Last-Event-ID} first receives every item it missed.
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    // a void method: without this the document would declare the class's application/json, which gets a 406
    @APIResponse(responseCode = "200", description = "The live feed, until the client disconnects",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS))
    @Operation(operationId = "streamNotifications")
    public void stream(@HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink,
                       @Context Sse sse) {
        stream.open(audience(), resumePoint(lastEventId), sink, sse);
    }

    private static Long resumePoint(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            long seq = Long.parseLong(lastEventId.trim());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidFieldProblem("Last-Event-ID", "must be the id of an event this stream sent");
    }

    private List<String> audience() {
        return Audience.of(user.id(), user.is(Roles.COORDINATOR));
    }
}
