/**
 * Who may call: every call names itself with an API key ({@code x-api-key} metadata), checked by the
 * {@link dev.hotpath.engine.auth.ApiKeyInterceptor} that reporting uses too.
 * {@link dev.hotpath.gateway.auth.AuthInterceptor} admits the trading accounts' keys to order entry and market
 * data and puts the {@link dev.hotpath.gateway.auth.AccountState} into the call's context;
 * {@link dev.hotpath.gateway.auth.AuthInterceptor#forAdminService} admits the admins' keys, and only them, to
 * AdminService. {@link dev.hotpath.gateway.auth.Accounts} and {@link dev.hotpath.gateway.auth.Admins} are the
 * config's, their keys held as {@link dev.hotpath.engine.auth.ApiKeys}; each account's commands are rate limited by
 * its {@link dev.hotpath.gateway.auth.TokenBucket}.
 *
 * <p>Threads: built once at start by the starting thread; from then on read-only lookups, safe from any gRPC
 * thread. An account's own collections (client order ids, execution subscribers) are concurrent: written by the
 * transport threads and the responder, read by any.
 */
package dev.hotpath.gateway.auth;
