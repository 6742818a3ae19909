package dev.hotpath.engine.core;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.CommandType;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.matching.MatchingCore;
import dev.hotpath.engine.risk.RiskEngine;

import java.util.List;

/**
 * The engine's whole state and its one entry point: risk plus matching, applied to one command at a time.
 * The state is a pure function of the commands applied, so the same input journal always rebuilds the same
 * books, positions and output events.
 *
 * <p>Owned by the matching thread (or by the thread replaying a journal, before the pipeline starts).
 */
public final class EngineCore
{
    private final List<Instrument> instruments;
    private final MatchingCore matching;
    private final RiskEngine risk;
    private long lastSequence;

    /**
     * An empty engine.
     *
     * @param config instruments, self-trade policy and risk limits.
     */
    public EngineCore(final CoreConfig config)
    {
        this.instruments = List.copyOf(config.instruments());
        this.matching = new MatchingCore(instruments, config.selfTradePolicy(), config.expectedOrders());
        int slots = 0;
        for (final Instrument instrument : instruments)
        {
            slots = Math.max(slots, instrument.id() + 1);
        }
        this.risk = new RiskEngine(config.defaultLimits(), config.accountLimits(), slots);
        matching.preTradeCheck(risk);
    }

    /**
     * Applies one command and reports what happened.
     *
     * @param command the command; its sequence becomes the engine's last sequence.
     * @param sink    receives the events.
     */
    public void apply(final Command command, final EventSink sink)
    {
        final RiskEngine risk = this.risk.forwardTo(sink);
        matching.advanceTime(command.timestampNs, risk); // orders whose expiry this command's time reaches go first
        switch (command.type)
        {
            case CommandType.PLACE_CODE:
                matching.place(command.orderId, command.accountId, command.instrumentId, command.side,
                    command.orderType, command.price, command.quantity, command.stopPrice, command.expiresAtNs,
                    command.displayQuantity, risk);
                break;
            case CommandType.TIME_CODE:
                break; // the time only: advanceTime above did its work
            case CommandType.CANCEL_CODE:
                matching.cancel(command.orderId, command.accountId, risk);
                break;
            case CommandType.AMEND_CODE:
                matching.amend(command.orderId, command.accountId, command.price, command.quantity, risk);
                break;
            case CommandType.KILL_SWITCH_ON_CODE:
                risk.setKillSwitch(command.accountId, true);
                matching.cancelAll(command.accountId, risk);
                break;
            case CommandType.KILL_SWITCH_OFF_CODE:
                risk.setKillSwitch(command.accountId, false);
                break;
            case CommandType.MASS_CANCEL_CODE:
                matching.massCancel(command.accountId, command.instrumentId, command.side, risk);
                break;
            case CommandType.SET_LIMITS_CODE:
                risk.setLimits(command.accountId, command.quantity, command.price, command.instrumentId,
                    command.orderId);
                break;
            default:
                sink.onRejected(command.orderId, command.accountId, -1, RejectReason.UNKNOWN_COMMAND);
                break;
        }
        lastSequence = command.sequence;
    }

    /** @return the sequence of the last command applied (0 for a new engine). */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * Sets the last sequence: used when loading a snapshot.
     *
     * @param sequence the snapshot's sequence.
     */
    public void restoreLastSequence(final long sequence)
    {
        this.lastSequence = sequence;
    }

    /** @return the instruments traded. */
    public List<Instrument> instruments()
    {
        return instruments;
    }

    /** @return the books and matching rules. */
    public MatchingCore matching()
    {
        return matching;
    }

    /** @return positions, open quantities and limits of the accounts. */
    public RiskEngine risk()
    {
        return risk;
    }
}
