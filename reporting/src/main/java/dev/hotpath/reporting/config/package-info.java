/**
 * Who may call the reporting APIs: each {@link dev.hotpath.reporting.config.Account} and its API key, loaded from a
 * JSON file into an {@link dev.hotpath.reporting.config.AccountDirectory}. Immutable once loaded; any thread.
 */
package dev.hotpath.reporting.config;
