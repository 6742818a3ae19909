/**
 * What every call passes through, whichever service it is for:
 * {@link dev.hotpath.gateway.guard.MalformedRequestGuard} answers bytes that are no message of the method's
 * request type with INVALID_ARGUMENT and logs them at most once every few seconds, and
 * {@link dev.hotpath.gateway.guard.ExceptionInterceptor} answers an exception no handler turned into a status with
 * INTERNAL "internal error", so that no client sees a stack trace or floods the log.
 *
 * <p>Threads: interceptors, thread-safe, on whichever gRPC thread runs the call (a transport thread, or a virtual
 * thread for admin and reflection calls); a call's own listener state is touched only by its serialized
 * callbacks.
 */
package dev.hotpath.gateway.guard;
