package com.defectradar.web;

/** One bad field of a request: its JSON path and what is wrong with it. */
public record FieldError(String field, String message) {
}
