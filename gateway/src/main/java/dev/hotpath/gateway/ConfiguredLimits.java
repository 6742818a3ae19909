package dev.hotpath.gateway;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.CommandClock;
import dev.hotpath.gateway.link.EngineLink;
import dev.hotpath.engine.risk.AccountRisk;
import dev.hotpath.engine.risk.RiskLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Puts the config file's risk limits into the input journal, as {@code SET_LIMITS} commands, so that the engine
 * stays a pure function of its journal: limits taken from the config on every start would make a replay of the
 * commands before the start use the <em>new</em> limits, and could refuse orders that were acknowledged under the
 * old ones. The engine's own base limits are therefore unlimited and constant; an account's limits are whatever
 * the journal last set.
 *
 * <p>An account's configured limits are journaled on start when they differ from what the config said at the
 * last start (recorded in {@value #FILE_NAME} beside the journals), so that a limit an admin set at run time
 * holds across restarts until the config itself changes. Losing that file only means the config's limits are
 * journaled again.
 *
 * <p>Used once, by the thread that starts the gateway, after the engine has recovered and before it serves.
 */
final class ConfiguredLimits
{
    /** The record of the config's limits at the last start, in the engine directory. */
    static final String FILE_NAME = "configured-limits.properties";

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredLimits.class);

    private ConfiguredLimits()
    {
    }

    /**
     * Journals the limits of every account whose configured limits changed since the last start (all of them on
     * a new directory), then records the config's limits.
     *
     * @param engine the way to the started engine, before anything else is published.
     * @param config the gateway's config.
     * @return how many accounts' limits were journaled.
     */
    static int journal(final EngineLink engine, final GatewayConfig config)
    {
        final Path file = engine.directory().resolve(FILE_NAME);
        final Properties last = read(file);
        // read first, publish after: once a command is in the ring the engine thread changes the risk state
        final List<Command> commands = new ArrayList<>();
        final Properties now = new Properties();
        for (final GatewayConfig.Account account : config.accounts())
        {
            final RiskLimits wanted = config.limitsOf(account);
            final String key = Long.toString(account.id());
            now.setProperty(key, text(wanted));
            final AccountRisk current = engine.riskAtStart(account.id());
            // in front of a cluster the engine's state is not known here: what this file says was journaled is
            final boolean journaled = engine.knowsRiskAtStart() ? current != null && current.limitsSetAtRunTime() :
                last.containsKey(key);
            final boolean configUnchanged = text(wanted).equals(last.getProperty(key));
            if (journaled && (configUnchanged || current != null && current.limits().equals(wanted)))
            {
                continue; // the journal's limits stay: the config's, or an admin's set since the config last changed
            }
            commands.add(new Command().setLimits(CommandClock.nowNs(), account.id(), wanted.maxOrderQuantity(),
                wanted.maxOrderNotional(), wanted.maxOpenOrders(), wanted.maxPosition()));
        }
        for (final Command command : commands)
        {
            if (!engine.publish(command))
            {
                throw new IllegalStateException("the engine refused the config's risk limits: " + engine.intakeRefusal());
            }
        }
        write(file, now);
        if (!commands.isEmpty())
        {
            LOG.info("journaled the config's risk limits of {} account(s)", commands.size());
        }
        return commands.size();
    }

    private static String text(final RiskLimits limits)
    {
        return limits.maxOrderQuantity() + "," + limits.maxOrderNotional() + "," + limits.maxOpenOrders() + "," +
            limits.maxPosition();
    }

    private static Properties read(final Path file)
    {
        final Properties properties = new Properties();
        if (Files.exists(file))
        {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
            {
                properties.load(in);
            }
            catch (final IOException | IllegalArgumentException ex)
            {
                LOG.warn("cannot read {} ({}); journaling the config's limits of every account", file, ex.toString());
                properties.clear();
            }
        }
        return properties;
    }

    private static void write(final Path file, final Properties properties)
    {
        final Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        try
        {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8))
            {
                properties.store(out, "risk limits of the config at the last start: accountId = maxOrderQuantity," +
                    "maxOrderNotional,maxOpenOrders,maxPosition (written by the gateway; the journal holds the limits)");
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }
}
