package dev.hotpath.engine.api;

/**
 * The kinds of command the engine takes. Each command is journaled before its result leaves the engine.
 *
 * <p>Immutable; any thread.
 */
public enum CommandType
{
    /** A new order. */
    PLACE((byte)'P'),
    /** Cancel an open order. */
    CANCEL((byte)'C'),
    /** Change an open order's price and quantity. */
    AMEND((byte)'A'),
    /** Turn an account's kill switch on: its open orders are cancelled and new ones rejected. */
    KILL_SWITCH_ON((byte)'K'),
    /** Turn an account's kill switch off again. */
    KILL_SWITCH_OFF((byte)'k'),
    /**
     * Replace an account's risk limits (an admin command). The four limits ride in the fixed fields of the
     * command: see {@link Command#setLimits} and {@link dev.hotpath.engine.journal.JournalFormat}.
     */
    SET_LIMITS((byte)'L'),
    /**
     * Cancel an account's open orders, all of them or those of one instrument, of one side or both; the kill
     * switch stays as it is. See {@link Command#massCancel}.
     */
    MASS_CANCEL((byte)'M'),
    /**
     * The time: only a timestamp. Every command's timestamp moves the engine's time forward (never back), and
     * resting orders whose expiry it reaches expire first; this command exists so that they expire on time when
     * nothing else comes. See {@link Command#time}.
     */
    TIME((byte)'T');

    private final byte code;

    CommandType(final byte code)
    {
        this.code = code;
    }

    /** @return the one-byte code used in journals and events. */
    public byte code()
    {
        return code;
    }

    /**
     * @param code a byte from a journal or the network.
     * @return the command type, or {@code null} when the code is not one.
     */
    public static CommandType fromCode(final byte code)
    {
        switch (code)
        {
            case 'P':
                return PLACE;
            case 'C':
                return CANCEL;
            case 'A':
                return AMEND;
            case 'K':
                return KILL_SWITCH_ON;
            case 'k':
                return KILL_SWITCH_OFF;
            case 'L':
                return SET_LIMITS;
            case 'M':
                return MASS_CANCEL;
            case 'T':
                return TIME;
            default:
                return null;
        }
    }
}
