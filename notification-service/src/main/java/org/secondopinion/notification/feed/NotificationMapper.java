package org.secondopinion.notification.feed;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.secondopinion.notification.feed.NotificationDtos.NotificationView;

@Mapper
public interface NotificationMapper {

    @Mapping(target = "readAt", expression = "java(notification.readAt())")
    @Mapping(target = "read", expression = "java(notification.isRead())")
    NotificationView toView(Notification notification);
}
