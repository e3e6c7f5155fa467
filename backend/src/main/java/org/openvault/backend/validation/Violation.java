package org.openvault.backend.validation;

/**
 * One rejected part of a request body: where (a JSON pointer into the body, RFC 6901, e.g. {@code /content/body/2/value/guids}),
 * what went wrong as a stable machine code ({@code required}, {@code too_long}, {@code unknown_block_type}…) and a sentence
 * for the editor.
 */
public record Violation(String pointer, String code, String detail) {
}
