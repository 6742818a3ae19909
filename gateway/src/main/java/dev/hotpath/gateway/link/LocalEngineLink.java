package dev.hotpath.gateway.link;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.pipeline.CommandEvent;
import dev.hotpath.engine.pipeline.Engine;
import dev.hotpath.engine.pipeline.EngineListener;
import dev.hotpath.engine.risk.AccountRisk;
import dev.hotpath.gateway.GatewayMetrics;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The engine in this process: commands go straight into its input ring ({@link Engine#tryPublish}, which never
 * blocks), results come from its publisher thread.
 *
 * <p>Threads: see {@link EngineLink}.
 */
public final class LocalEngineLink implements EngineLink
{
    private final Engine engine;

    /**
     * @param engineFactory builds the (not yet started) engine around a listener.
     * @param listener      told the results.
     */
    public LocalEngineLink(final Function<EngineListener, Engine> engineFactory, final LinkListener listener)
    {
        this.engine = engineFactory.apply(new EngineListener()
        {
            @Override
            public void onCommandResult(final CommandEvent event)
            {
                listener.onResult(event);
            }

            @Override
            public void onEngineStopped(final Throwable cause)
            {
                listener.onStopped(cause);
            }

            @Override
            public void onDiskSpace(final boolean low, final String detail)
            {
                listener.onAvailability(!low, detail);
            }
        });
    }

    /** @return the engine. */
    public Engine engine()
    {
        return engine;
    }

    @Override
    public void start()
    {
        engine.start();
    }

    @Override
    public void open()
    {
        // the engine is running since start(): its results flow as soon as a command goes in
    }

    @Override
    public long recoveredSequence()
    {
        return engine.coreWhenStopped().lastSequence(); // nothing is published before serving
    }

    @Override
    public Path directory()
    {
        return engine.config().directory();
    }

    @Override
    public Path eventJournalDirectory()
    {
        return engine.config().eventJournalDirectory();
    }

    @Override
    public String describe()
    {
        return "engine in process, recovered " + engine.recovery();
    }

    @Override
    public boolean tryPublish(final Command command, final Object attachment)
    {
        return engine.tryPublish(command, 0, attachment);
    }

    @Override
    public boolean publish(final Command command)
    {
        return engine.publish(command, 0);
    }

    @Override
    public Throwable failure()
    {
        return engine.failure();
    }

    @Override
    public String intakeRefusal()
    {
        return engine.intakeRefusal();
    }

    @Override
    public boolean diskSpaceLow()
    {
        return engine.diskSpaceLow();
    }

    @Override
    public void drainAbandoned(final Consumer<Object> abandoned)
    {
        engine.drainAbandoned(abandoned);
    }

    @Override
    public long ringOccupancy()
    {
        return engine.ringOccupancy();
    }

    @Override
    public AccountRisk riskAtStart(final long accountId)
    {
        return engine.coreWhenStopped().risk().find(accountId);
    }

    @Override
    public boolean knowsRiskAtStart()
    {
        return true;
    }

    @Override
    public void bindMetrics(final GatewayMetrics metrics)
    {
        metrics.bindStalls(engine);
    }

    @Override
    public void close()
    {
        engine.close();
    }
}
