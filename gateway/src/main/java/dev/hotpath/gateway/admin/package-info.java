/**
 * Administration: the AdminService RPCs ({@link dev.hotpath.gateway.admin.AdminService}): set an account's risk
 * limits and turn its kill switch on or off, both journaled engine commands sent through the way in, and list
 * the accounts' positions from the gateway's risk projection. Only admin keys get here
 * ({@link dev.hotpath.gateway.auth.AuthInterceptor#forAdminService}).
 *
 * <p>Threads: its calls are rare and run on virtual threads, off the transport; their answers come from the
 * responder, like any command's.
 */
package dev.hotpath.gateway.admin;
