/**
 * Who may call the gRPC services of the gateway and of reporting, by API key: {@link dev.hotpath.engine.auth.ApiKeys}
 * holds the keys and the rules they follow, {@link dev.hotpath.engine.auth.ApiKeyInterceptor} admits a call by its
 * {@code x-api-key} metadata. Both modules use these, so keys follow one set of rules and a refused call is told the
 * same thing everywhere; the key file's format is described once, in the gateway's README ("API keys"). Nothing in
 * the engine itself uses this package (its gRPC dependency is optional). Immutable once built; any thread.
 */
package dev.hotpath.engine.auth;
