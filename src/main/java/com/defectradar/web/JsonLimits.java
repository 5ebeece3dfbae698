package com.defectradar.web;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Tighter parser limits than Jackson's defaults (nesting 500 deep, 20 M-character strings, 1,000-digit numbers).
 * No request of this API nests deeper than an array of tickets with a small object inside, holds a string
 * longer than a 4,000-character description or a number longer than a few dozen digits. Input beyond these
 * limits is hostile or broken; the parser refuses it early (a JsonProcessingException, answered 400) instead
 * of building it in memory.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    public static final int MAX_NESTING_DEPTH = 32;
    public static final int MAX_NUMBER_LENGTH = 100;
    public static final int MAX_STRING_LENGTH = 1_000_000;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .build());
    }
}
