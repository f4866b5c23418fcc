package org.secondopinion.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

    @Test
    void harmlessCallerIdIsKept() {
        assertThat(RequestIds.acceptOrCreate("abc-123.x:y_z")).isEqualTo("abc-123.x:y_z");
    }

    @Test
    void missingOrUnsafeIdIsReplacedByAFreshOne() {
        assertThat(RequestIds.acceptOrCreate(null)).matches("[0-9a-f-]{36}");
        assertThat(RequestIds.acceptOrCreate("")).matches("[0-9a-f-]{36}");
        assertThat(RequestIds.acceptOrCreate("a b")).matches("[0-9a-f-]{36}");
        assertThat(RequestIds.acceptOrCreate("x\r\nSet-Cookie: y")).matches("[0-9a-f-]{36}");
        assertThat(RequestIds.acceptOrCreate("a".repeat(129))).matches("[0-9a-f-]{36}");
    }

    @Test
    void freshIdsDiffer() {
        assertThat(RequestIds.acceptOrCreate(null)).isNotEqualTo(RequestIds.acceptOrCreate(null));
    }
}
