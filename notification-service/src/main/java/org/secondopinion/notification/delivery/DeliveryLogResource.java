package org.secondopinion.notification.delivery;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.secondopinion.notification.delivery.DeliveryLog.DeliveryView;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.security.Roles;
import org.secondopinion.platform.web.PageParams;
import org.secondopinion.platform.web.PageResult;

/** The delivery log (DESIGN §3: coordinators see delivery logs), newest first, filtered by status and channel. */
@Path("/api/v1/notifications/deliveries")
@RolesAllowed(Roles.COORDINATOR)
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryLogResource {

    private final DeliveryLog log;

    public DeliveryLogResource(DeliveryLog log) {
        this.log = log;
    }

    @GET
    public PageResult<DeliveryView> list(@QueryParam("status") String status,
                                         @QueryParam("channel") String channel,
                                         @BeanParam @Valid PageParams page) {
        return log.page(parse(DeliveryStatus.class, "status", status), parse(Channel.class, "channel", channel), page);
    }

    /** Parsed here rather than by JAX-RS, which answers a bad query value with a bare 404. */
    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldProblem(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
