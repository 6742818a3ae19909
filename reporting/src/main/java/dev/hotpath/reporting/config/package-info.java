/**
 * Who may call the reporting APIs: each {@link dev.hotpath.reporting.config.Account} and its API key, loaded from an
 * API-key file in the gateway's format (the gateway's config itself will do) into an
 * {@link dev.hotpath.reporting.config.AccountDirectory}, its keys held as {@link dev.hotpath.engine.auth.ApiKeys}.
 * Immutable once loaded; any thread.
 */
package dev.hotpath.reporting.config;
