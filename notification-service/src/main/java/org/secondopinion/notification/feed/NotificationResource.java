package org.secondopinion.notification.feed;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.secondopinion.notification.feed.NotificationDtos.MarkedRead;
import org.secondopinion.notification.feed.NotificationDtos.NotificationView;
import org.secondopinion.notification.feed.NotificationDtos.UnreadCount;
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

    public NotificationResource(FeedService feed, CurrentUser user) {
        this.feed = feed;
        this.user = user;
    }

    /** Newest first; {@code unread=true} only unread items, {@code unread=false} only read ones. */
    @GET
    public PageResult<NotificationView> list(@QueryParam("unread") Boolean unread, @BeanParam @Valid PageParams page) {
        return feed.page(audience(), unread, page);
    }

    @GET
    @Path("unread-count")
    public UnreadCount unreadCount() {
        return new UnreadCount(feed.unreadCount(audience()));
    }

    @POST
    @Path("{id}/read")
    public NotificationView markRead(@PathParam("id") UUID id) {
        return feed.markRead(id, audience()).orElseThrow(() -> new NotFoundProblem("notification", id));
    }

    @POST
    @Path("read-all")
    public MarkedRead markAllRead() {
        return new MarkedRead(feed.markAllRead(audience()));
    }

    private List<String> audience() {
        return Audience.of(user.id(), user.is(Roles.COORDINATOR));
    }
}
