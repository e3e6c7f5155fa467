package org.openvault.proxy.config;

/** A configuration the proxy refuses to start with; the message names where (file and line, or variable) and what. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
