package com.defectradar;

import com.defectradar.support.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class HealthAndDocsTest {

    @Test
    void readinessReflectsTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name.contains('Database') }.status", equalTo("UP"));
    }

    @Test
    void everyOperationIsDocumentedWithExamples() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/tickets'.post.requestBody.content.'application/json'.examples", notNullValue())
                .body("paths.'/api/v1/tickets/batch'.post.requestBody.content.'application/x-ndjson'.examples", notNullValue())
                .body("paths.'/api/v1/batches/{batchId}'.put.requestBody.content.'application/json'.examples", notNullValue());
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void unknownPathsAnswerProblems() {
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }
}
