package org.secondopinion.platform.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperationIdsTest {

    @Test
    void aClientMethodIsTheJavaMethodWithTheResourcesNounWhereTheNameAloneSaysLittle() {
        assertThat(OperationIds.readable("OfferResource_accept")).isEqualTo("accept");
        assertThat(OperationIds.readable("ConsultResource_list")).isEqualTo("listConsults");
        assertThat(OperationIds.readable("SpecialtyResource_list")).isEqualTo("listSpecialties");
        assertThat(OperationIds.readable("CaseResource_get")).isEqualTo("getCase");
    }

    @Test
    void namesTwoResourcesShareGetTheNounAndExplicitOnesStay() {
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/a", OASFactory.createPathItem()
                        .GET(OASFactory.createOperation().operationId("AResource_stream"))
                        .POST(OASFactory.createOperation().operationId("registerThing")))
                .addPathItem("/b", OASFactory.createPathItem()
                        .GET(OASFactory.createOperation().operationId("BResource_stream"))
                        .POST(OASFactory.createOperation().operationId("OfferResource_accept"))));
        OperationIds.name(api);
        assertThat(api.getPaths().getPathItem("/a").getGET().getOperationId()).isEqualTo("streamA");
        assertThat(api.getPaths().getPathItem("/b").getGET().getOperationId()).isEqualTo("streamB");
        assertThat(api.getPaths().getPathItem("/a").getPOST().getOperationId()).isEqualTo("registerThing");
        assertThat(api.getPaths().getPathItem("/b").getPOST().getOperationId()).isEqualTo("accept");
    }
}
