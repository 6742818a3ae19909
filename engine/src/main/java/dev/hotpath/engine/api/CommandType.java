package dev.hotpath.engine.api;

/**
 * The kinds of command the engine takes. Each command is journaled before its result leaves the engine.
 *
 * <p>Immutable; any thread.
 */
public enum CommandType
{
    /** A new order. */
    PLACE(CommandType.PLACE_CODE),
    /** Cancel an open order. */
    CANCEL(CommandType.CANCEL_CODE),
    /** Change an open order's price and quantity. */
    AMEND(CommandType.AMEND_CODE),
    /** Turn an account's kill switch on: its open orders are cancelled and new ones rejected. */
    KILL_SWITCH_ON(CommandType.KILL_SWITCH_ON_CODE),
    /** Turn an account's kill switch off again. */
    KILL_SWITCH_OFF(CommandType.KILL_SWITCH_OFF_CODE),
    /**
     * Replace an account's risk limits (an admin command). The four limits ride in the fixed fields of the
     * command: see {@link Command#setLimits} and {@link dev.hotpath.engine.journal.JournalFormat}.
     */
    SET_LIMITS(CommandType.SET_LIMITS_CODE),
    /**
     * Cancel an account's open orders, all of them or those of one instrument, of one side or both; the kill
     * switch stays as it is. See {@link Command#massCancel}.
     */
    MASS_CANCEL(CommandType.MASS_CANCEL_CODE),
    /**
     * The time: only a timestamp. Every command's timestamp moves the engine's time forward (never back), and
     * resting orders whose expiry it reaches expire first; this command exists so that they expire on time when
     * nothing else comes. See {@link Command#time}.
     */
    TIME(CommandType.TIME_CODE);

    /** The one-byte code of {@link #PLACE}, a constant for {@code switch} statements on a command's type byte. */
    public static final byte PLACE_CODE = 'P';
    /** The one-byte code of {@link #CANCEL}, a constant for {@code switch} statements on a command's type byte. */
    public static final byte CANCEL_CODE = 'C';
    /** The one-byte code of {@link #AMEND}, a constant for {@code switch} statements on a command's type byte. */
    public static final byte AMEND_CODE = 'A';
    /** The one-byte code of {@link #KILL_SWITCH_ON}, a constant for {@code switch} statements on a command's type byte. */
    public static final byte KILL_SWITCH_ON_CODE = 'K';
    /** The one-byte code of {@link #KILL_SWITCH_OFF}, a constant for {@code switch} statements on a command's type byte. */
    public static final byte KILL_SWITCH_OFF_CODE = 'k';
    /** The one-byte code of {@link #SET_LIMITS}, a constant for {@code switch} statements on a command's type byte. */
    public static final byte SET_LIMITS_CODE = 'L';
    /** The one-byte code of {@link #MASS_CANCEL}, a constant for {@code switch} statements on a command's type byte. */
    public static final byte MASS_CANCEL_CODE = 'M';
    /** The one-byte code of {@link #TIME}, a constant for {@code switch} statements on a command's type byte. */
    public static final byte TIME_CODE = 'T';

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
            case PLACE_CODE:
                return PLACE;
            case CANCEL_CODE:
                return CANCEL;
            case AMEND_CODE:
                return AMEND;
            case KILL_SWITCH_ON_CODE:
                return KILL_SWITCH_ON;
            case KILL_SWITCH_OFF_CODE:
                return KILL_SWITCH_OFF;
            case SET_LIMITS_CODE:
                return SET_LIMITS;
            case MASS_CANCEL_CODE:
                return MASS_CANCEL;
            case TIME_CODE:
                return TIME;
            default:
                return null;
        }
    }
}
