package com.defectradar.support;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * Every @QuarkusTest's REST Assured request carries the admin key unless it sets its own Authorization
 * header, so tests of features (rather than of access) need not repeat it. Registered through
 * META-INF/services, hence it also covers test classes written before access control existed. Tests of
 * access itself send exactly the headers they mean (see AuthorizationTest, which uses a plain HTTP client).
 */
public class AdminKeyByDefault implements QuarkusTestBeforeEachCallback {

    private static final Filter ADMIN_UNLESS_SET = (request, response, context) -> {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", TestKeys.bearer(TestKeys.ADMIN));
        }
        return context.next(request, response);
    };

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        // a filter, not a default RequestSpecification: a specification would also carry its own port (8080)
        RestAssured.replaceFiltersWith(ADMIN_UNLESS_SET);
    }
}
