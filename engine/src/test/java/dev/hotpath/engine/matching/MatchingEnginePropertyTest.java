package dev.hotpath.engine.matching;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.SelfTradePolicy;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.matching.OrderFlow.Profile;
import dev.hotpath.engine.support.BookInvariants;
import dev.hotpath.engine.support.BookState;
import dev.hotpath.engine.support.EngineCommand;
import dev.hotpath.engine.support.RecordingEventSink;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential fuzzing of {@link MatchingCore} against {@link ReferenceMatchingEngine}: random order flows
 * ({@link OrderFlow}) from a {@code long} seed drive both engines with the same commands; after every command
 * their events must be equal, and every few commands (every command on shallow books) their whole books, with
 * the book invariants ({@link BookInvariants}) checked on both.
 *
 * <p>On a difference the test fails with the flow's seed, the policy and profile (enough to replay it with
 * {@link #check}), and a reproduction shrunk by removing commands while the difference persists, printed as Java
 * statements ready to paste into {@link MatchingEngineContractTest}. jqwik shrinking is off: a smaller seed is
 * a different flow, not a smaller one.
 *
 * <p>In all: 3 policies x 50 tries x 2,500 commands on shallow books plus 3 x 10,000 on deep books (more than
 * 1,024 levels on a side, and an engine sized for 16 orders so that everything in it has to grow): 405,000
 * commands. Run by jqwik on one test thread.
 */
class MatchingEnginePropertyTest
{
    private static final int SHRINK_BUDGET_MS = 30_000;

    @Property(tries = 50, shrinking = ShrinkingMode.OFF)
    void shouldBehaveLikeTheReferenceUnderCancelResting(@ForAll final long seed)
    {
        check(seed, SelfTradePolicy.CANCEL_RESTING, Profile.NEAR_MID);
    }

    @Property(tries = 50, shrinking = ShrinkingMode.OFF)
    void shouldBehaveLikeTheReferenceUnderCancelIncoming(@ForAll final long seed)
    {
        check(seed, SelfTradePolicy.CANCEL_INCOMING, Profile.NEAR_MID);
    }

    @Property(tries = 50, shrinking = ShrinkingMode.OFF)
    void shouldBehaveLikeTheReferenceUnderCancelBoth(@ForAll final long seed)
    {
        check(seed, SelfTradePolicy.CANCEL_BOTH, Profile.NEAR_MID);
    }

    @Example
    void shouldBehaveLikeTheReferenceOnDeepBooksWithGrowingPools()
    {
        final SelfTradePolicy[] policies = SelfTradePolicy.values();
        for (int i = 0; i < policies.length; i++)
        {
            final int maxLevels = check(0x5EED_DEE9L + i, policies[i], Profile.DEEP_BOOK);
            assertTrue(maxLevels > 1024, "the deep flow should build more than 1024 levels on a side: " + maxLevels);
        }
    }

    /**
     * Runs one flow through both engines and fails with a shrunk reproduction on the first difference.
     *
     * @param seed    the flow's seed.
     * @param policy  the self-trade prevention policy of both engines.
     * @param profile the shape of the flow.
     * @return the most price levels seen on one side of one book.
     */
    static int check(final long seed, final SelfTradePolicy policy, final Profile profile)
    {
        final Differential differential = new Differential(policy, profile, profile.fullCheckEvery);
        final OrderFlow flow = new OrderFlow(seed, profile);
        final List<EngineCommand> commands = new ArrayList<>(profile.commands);
        String failure = null;
        while (failure == null && commands.size() < profile.commands)
        {
            final EngineCommand command = flow.next(differential.reference);
            commands.add(command);
            failure = differential.apply(command);
        }
        if (failure == null)
        {
            failure = differential.compareBooks();
        }
        for (final EngineCommand command : OrderFlow.cancelAllOfEveryAccount())
        {
            if (failure == null)
            {
                commands.add(command);
                failure = differential.apply(command);
            }
        }
        if (failure == null)
        {
            failure = differential.compareBooks();
        }
        if (failure == null && differential.underTest.openOrderCount() != 0)
        {
            failure = "  orders left after cancelling all of every account: " + differential.underTest.openOrderCount();
        }
        if (failure != null)
        {
            throw new AssertionError(report(seed, policy, profile, commands, failure));
        }
        return differential.maxLevels;
    }

    /**
     * @return the engine under test: as the pipeline builds it, or, for deep books, sized for 16 orders so
     * that its order and level pools, its id map and its level arrays all have to grow, and with the smallest
     * price window (64 ticks), so that deep books spill outside it and the window keeps moving with the market.
     */
    static MatchingEngine engineUnderTest(
        final List<Instrument> instruments, final SelfTradePolicy policy, final Profile profile)
    {
        return profile == Profile.DEEP_BOOK ?
            new MatchingCore(instruments, policy, 16, 64) : new MatchingCore(instruments, policy);
    }

    private static String report(
        final long seed,
        final SelfTradePolicy policy,
        final Profile profile,
        final List<EngineCommand> commands,
        final String failure)
    {
        final StringBuilder out = new StringBuilder()
            .append("the engine under test differs from the reference model\n")
            .append("  replay: MatchingEnginePropertyTest.check(").append(seed).append("L, SelfTradePolicy.")
            .append(policy).append(", Profile.").append(profile).append(")\n")
            .append("  at command ").append(commands.size()).append(": ").append(commands.get(commands.size() - 1))
            .append('\n').append(failure).append('\n')
            .append("  last commands:\n");
        for (int i = Math.max(0, commands.size() - 15); i < commands.size(); i++)
        {
            out.append("    ").append(commands.get(i)).append('\n');
        }
        final List<EngineCommand> shrunk = shrink(commands, policy, profile);
        out.append("  shrunk to ").append(shrunk.size()).append(" commands, which fail with:\n")
            .append(replay(shrunk, policy, profile)).append('\n');
        for (final EngineCommand command : shrunk)
        {
            out.append("    ").append(command).append('\n');
        }
        return out.toString();
    }

    /**
     * Delta debugging, simply: removes ever smaller runs of commands as long as the rest still fails.
     */
    private static List<EngineCommand> shrink(
        final List<EngineCommand> failing, final SelfTradePolicy policy, final Profile profile)
    {
        final long deadlineMs = System.currentTimeMillis() + SHRINK_BUDGET_MS;
        List<EngineCommand> current = failing;
        int chunk = Math.max(1, current.size() / 2);
        while (chunk >= 1 && System.currentTimeMillis() < deadlineMs)
        {
            boolean removedAny = false;
            int start = 0;
            while (start < current.size() && System.currentTimeMillis() < deadlineMs)
            {
                final List<EngineCommand> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                if (!candidate.isEmpty() && replay(candidate, policy, profile) != null)
                {
                    current = candidate;
                    removedAny = true;
                }
                else
                {
                    start += chunk;
                }
            }
            if (!removedAny)
            {
                chunk /= 2;
            }
        }
        return current;
    }

    /** @return the first difference when replaying the commands, checking everything after each, or null. */
    private static String replay(
        final List<EngineCommand> commands, final SelfTradePolicy policy, final Profile profile)
    {
        final Differential differential = new Differential(policy, profile, 1);
        for (final EngineCommand command : commands)
        {
            final String failure = differential.apply(command);
            if (failure != null)
            {
                return failure;
            }
        }
        return differential.compareBooks();
    }

    /** Both engines side by side, fed the same commands. */
    private static final class Differential
    {
        final MatchingEngine reference;
        final MatchingEngine underTest;
        final int fullCheckEvery;
        final RecordingEventSink expected = new RecordingEventSink();
        final RecordingEventSink actual = new RecordingEventSink();
        int count;
        int maxLevels;

        Differential(final SelfTradePolicy policy, final Profile profile, final int fullCheckEvery)
        {
            this.reference = new ReferenceMatchingEngine(OrderFlow.INSTRUMENTS, policy);
            this.underTest = engineUnderTest(OrderFlow.INSTRUMENTS, policy, profile);
            this.fullCheckEvery = fullCheckEvery;
        }

        /** @return what differs after the command, or null. */
        String apply(final EngineCommand command)
        {
            expected.clear();
            actual.clear();
            try
            {
                command.applyTo(reference, expected);
            }
            catch (final RuntimeException ex)
            {
                return "  the reference model threw " + stackTrace(ex);
            }
            try
            {
                command.applyTo(underTest, actual);
            }
            catch (final RuntimeException ex)
            {
                return "  the engine under test threw " + stackTrace(ex);
            }
            if (!expected.events().equals(actual.events()))
            {
                return describe(expected.events(), actual.events());
            }
            count++;
            final String probe = probeQueries(command);
            if (probe != null)
            {
                return probe;
            }
            return count % fullCheckEvery == 0 ? compareBooks() : null;
        }

        /** Asks both engines about the order the command named and about one side of one book. */
        private String probeQueries(final EngineCommand command)
        {
            final BookState.OrderRow expectedOrder = BookState.find(reference, command.orderId());
            final BookState.OrderRow actualOrder = BookState.find(underTest, command.orderId());
            if (!Objects.equals(expectedOrder, actualOrder))
            {
                return "  findOrder(" + command.orderId() + "): expected " + expectedOrder + " but was " + actualOrder;
            }
            final int instrumentId = command instanceof EngineCommand.Place place ? place.instrumentId() : count % 4;
            final Side side = count % 2 == 0 ? Side.BUY : Side.SELL;
            final int depth = count % 7;
            final List<BookState.LevelRow> expectedLevels = BookState.levels(reference, instrumentId, side, depth);
            final List<BookState.LevelRow> actualLevels = BookState.levels(underTest, instrumentId, side, depth);
            if (!expectedLevels.equals(actualLevels))
            {
                return "  topLevels(" + instrumentId + ", " + side + ", " + depth + "): expected " + expectedLevels +
                    " but was " + actualLevels;
            }
            return null;
        }

        /** @return what differs between the books, or which invariant is broken, or null. */
        String compareBooks()
        {
            final BookState expectedState = BookState.capture(reference, OrderFlow.INSTRUMENTS);
            final BookState actualState = BookState.capture(underTest, OrderFlow.INSTRUMENTS);
            final String broken = BookInvariants.check(underTest, OrderFlow.INSTRUMENTS, actualState);
            if (broken != null)
            {
                return "  invariant broken in the engine under test: " + broken;
            }
            // The model's own invariants: checked on shallow books, where that is cheap, and on replays.
            final String modelBroken = fullCheckEvery == 1 ?
                BookInvariants.check(reference, OrderFlow.INSTRUMENTS, expectedState) : null;
            if (modelBroken != null)
            {
                return "  invariant broken in the reference model: " + modelBroken;
            }
            for (final Instrument instrument : OrderFlow.INSTRUMENTS)
            {
                maxLevels = Math.max(maxLevels, actualState.levelsOf(instrument.id(), Side.BUY).size());
                maxLevels = Math.max(maxLevels, actualState.levelsOf(instrument.id(), Side.SELL).size());
            }
            if (!expectedState.equals(actualState))
            {
                return "  books differ:\n" + describe(expectedState.orders(), actualState.orders()) + '\n' +
                    describe(expectedState.levels(), actualState.levels()) + "\n    open orders: expected " +
                    expectedState.openOrderCount() + " but was " + actualState.openOrderCount();
            }
            return null;
        }
    }

    /** Both lists one element a line, the first difference marked. */
    private static String describe(final List<?> expected, final List<?> actual)
    {
        final StringBuilder out = new StringBuilder("  expected:\n");
        int firstDifference = 0;
        while (firstDifference < Math.min(expected.size(), actual.size()) &&
            expected.get(firstDifference).equals(actual.get(firstDifference)))
        {
            firstDifference++;
        }
        appendLines(out, expected, firstDifference);
        out.append("  but was:\n");
        appendLines(out, actual, firstDifference);
        return out.toString();
    }

    private static void appendLines(final StringBuilder out, final List<?> items, final int marked)
    {
        for (int i = 0; i < items.size(); i++)
        {
            out.append(i == marked ? "  >>" : "    ").append(items.get(i)).append('\n');
        }
        if (items.isEmpty())
        {
            out.append("    (nothing)\n");
        }
    }

    private static String stackTrace(final Throwable throwable)
    {
        final StringWriter out = new StringWriter();
        throwable.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
