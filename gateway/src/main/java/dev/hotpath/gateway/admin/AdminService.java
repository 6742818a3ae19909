package dev.hotpath.gateway.admin;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.risk.RiskLimits;
import dev.hotpath.gateway.GatewayConfig;
import dev.hotpath.gateway.GatewayMetrics;
import dev.hotpath.gateway.api.AccountPositions;
import dev.hotpath.gateway.api.AdminResponse;
import dev.hotpath.gateway.api.AdminServiceGrpc;
import dev.hotpath.gateway.api.ExecutionReport;
import dev.hotpath.gateway.api.InstrumentPosition;
import dev.hotpath.gateway.api.KillSwitchRequest;
import dev.hotpath.gateway.api.ListPositionsRequest;
import dev.hotpath.gateway.api.ListPositionsResponse;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.SetLimitsRequest;
import dev.hotpath.gateway.auth.AuthInterceptor;
import dev.hotpath.gateway.in.OrderGateway;
import dev.hotpath.gateway.in.ResponseTarget;
import dev.hotpath.gateway.mapping.DecimalUnits;
import dev.hotpath.gateway.mapping.Errors;
import dev.hotpath.gateway.mapping.GatewayRefusal;
import dev.hotpath.gateway.mapping.Instruments;
import dev.hotpath.gateway.state.AccountRiskView;
import dev.hotpath.gateway.state.RiskProjection;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Set;

/**
 * The AdminService RPCs: set an account's risk limits and turn its kill switch on or off (both journaled engine
 * commands, sent through the {@link OrderGateway} and answered with the engine's outcome), and list the accounts'
 * positions, open orders, kill switches and limits from the {@link RiskProjection}. Only admin keys get here
 * ({@link AuthInterceptor#forAdminService}); every change is logged with the admin's name.
 *
 * <p>Thread-safe; gRPC's threads.
 */
public final class AdminService extends AdminServiceGrpc.AdminServiceImplBase
{
    private static final Logger LOG = LoggerFactory.getLogger(AdminService.class);

    private final OrderGateway gateway;
    private final Set<Long> accountIds;
    private final Instruments instruments;
    private final RiskProjection risk;
    private final GatewayMetrics metrics;

    /**
     * @param gateway     the way into the engine.
     * @param config      the accounts an admin may name.
     * @param instruments the instruments, for positions.
     * @param risk        the accounts' risk state.
     * @param metrics     the meters.
     */
    public AdminService(final OrderGateway gateway, final GatewayConfig config, final Instruments instruments,
        final RiskProjection risk, final GatewayMetrics metrics)
    {
        this.gateway = gateway;
        this.accountIds = Set.copyOf(config.accounts().stream().map(GatewayConfig.Account::id).toList());
        this.instruments = instruments;
        this.risk = risk;
        this.metrics = metrics;
    }

    @Override
    public void setLimits(final SetLimitsRequest request, final StreamObserver<AdminResponse> observer)
    {
        final long receivedNs = System.nanoTime();
        if (!knownAccount(request.getAccountId(), observer))
        {
            return;
        }
        if (!request.hasLimits())
        {
            refuse(observer, Status.INVALID_ARGUMENT.withDescription("limits: is required"));
            return;
        }
        final dev.hotpath.gateway.api.RiskLimits l = request.getLimits();
        LOG.info("admin {} sets the limits of account {}: maxOrderQuantity {}, maxOrderNotional {}, maxOpenOrders {},"
            + " maxPosition {}", AuthInterceptor.ADMIN.get().name(), request.getAccountId(),
            l.getMaxOrderQuantity(), l.getMaxOrderNotional(), l.getMaxOpenOrders(), l.getMaxPosition());
        try
        {
            gateway.setLimits(request.getAccountId(), l.getMaxOrderQuantity(), l.getMaxOrderNotional(),
                l.getMaxOpenOrders(), l.getMaxPosition(), unary(observer), receivedNs);
        }
        catch (final GatewayRefusal ex)
        {
            observer.onError(Errors.toStatus(ex));
        }
    }

    @Override
    public void killSwitch(final KillSwitchRequest request, final StreamObserver<AdminResponse> observer)
    {
        final long receivedNs = System.nanoTime();
        if (!knownAccount(request.getAccountId(), observer))
        {
            return;
        }
        LOG.info("admin {} turns the kill switch of account {} {}", AuthInterceptor.ADMIN.get().name(),
            request.getAccountId(), request.getOn() ? "on" : "off");
        try
        {
            gateway.killSwitch(request.getAccountId(), request.getOn(), unary(observer), receivedNs);
        }
        catch (final GatewayRefusal ex)
        {
            observer.onError(Errors.toStatus(ex));
        }
    }

    @Override
    public void listPositions(final ListPositionsRequest request,
        final StreamObserver<ListPositionsResponse> observer)
    {
        final long only = request.getAccountId();
        if (only != 0 && !knownAccount(only, observer))
        {
            return;
        }
        final ListPositionsResponse.Builder response = ListPositionsResponse.newBuilder();
        for (final AccountRiskView.Snapshot s : risk.snapshots())
        {
            if (only == 0 || s.accountId() == only)
            {
                response.addAccounts(toApi(s));
            }
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    private AccountPositions toApi(final AccountRiskView.Snapshot s)
    {
        final RiskLimits l = s.limits();
        final AccountPositions.Builder b = AccountPositions.newBuilder().setAccountId(s.accountId())
            .setName(s.name()).setKillSwitch(s.killSwitch()).setOpenOrders(s.openOrders())
            .setLimits(dev.hotpath.gateway.api.RiskLimits.newBuilder().setMaxOrderQuantity(l.maxOrderQuantity())
                .setMaxOrderNotional(l.maxOrderNotional()).setMaxOpenOrders(l.maxOpenOrders())
                .setMaxPosition(l.maxPosition()));
        for (final Instrument instrument : instruments.all())
        {
            b.addPositions(InstrumentPosition.newBuilder().setSymbol(instrument.symbol())
                .setPosition(DecimalUnits.toDecimal(s.positions()[instrument.id()], instrument.quantityScale())));
        }
        return b.build();
    }

    private boolean knownAccount(final long accountId, final StreamObserver<?> observer)
    {
        if (accountIds.contains(accountId))
        {
            return true;
        }
        refuse(observer, Status.NOT_FOUND.withDescription("account_id: no account " + accountId + " in the config"));
        return false;
    }

    private void refuse(final StreamObserver<?> observer, final Status status)
    {
        metrics.gatewayReject(status.getCode().name().toLowerCase(Locale.ROOT));
        observer.onError(status.asRuntimeException());
    }

    /** Answers the call once with the engine's outcome of its command. */
    private static ResponseTarget unary(final StreamObserver<AdminResponse> observer)
    {
        return r ->
        {
            observer.onNext(toAdmin(r));
            observer.onCompleted();
        };
    }

    private static AdminResponse toAdmin(final OrderResponse r)
    {
        int cancelled = 0;
        for (final ExecutionReport report : r.getReportsList())
        {
            if (report.getKind() == ExecutionReport.Kind.DONE)
            {
                cancelled++;
            }
        }
        final AdminResponse.Builder b = AdminResponse.newBuilder().setAccepted(r.getAccepted())
            .setEngineSequence(r.getEngineSequence()).setCancelledOrders(cancelled);
        if (r.hasReject())
        {
            b.setReject(r.getReject());
        }
        return b.build();
    }
}
