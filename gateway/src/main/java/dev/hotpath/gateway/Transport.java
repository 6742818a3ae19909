package dev.hotpath.gateway;

import dev.hotpath.gateway.out.Responder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;

import java.net.SocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's network threads: Netty's native epoll transport on Linux (the {@code linux-x86_64} and
 * {@code aarch_64} libraries grpc-netty-shaded carries, of the Netty version it is built with), NIO elsewhere or
 * when the native library does not load; chosen once at start, and {@link #describe() said} in the start-up log.
 *
 * <p>One event loop thread by default on machines with fewer than four cores (the engine thread needs the other
 * core), more above. The {@link Responder} runs on the first event loop too ({@link #responderLoop()}): a result
 * reaches its stream without waking a thread of its own, and the stream's writes are flushed in the same turn of
 * the loop.
 *
 * <p>Built and closed by the controlling thread; the loops are Netty's threads ({@code hotpath-net-N}).
 */
public final class Transport implements AutoCloseable
{
    private final boolean epoll;
    private final String why;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final int threads;

    private Transport(final int threads)
    {
        this.threads = threads;
        this.epoll = Epoll.isAvailable();
        this.why = epoll ? "native epoll" : "NIO (epoll unavailable: " + Epoll.unavailabilityCause() + ")";
        if (epoll)
        {
            boss = new EpollEventLoopGroup(1, new DefaultThreadFactory("hotpath-accept", true));
            workers = new EpollEventLoopGroup(threads, new DefaultThreadFactory("hotpath-net", true));
        }
        else
        {
            boss = new NioEventLoopGroup(1, new DefaultThreadFactory("hotpath-accept", true));
            workers = new NioEventLoopGroup(threads, new DefaultThreadFactory("hotpath-net", true));
        }
    }

    /**
     * @param threads event loop threads, or 0 for the default (1 below four cores, else half the cores).
     * @return the transport of this machine.
     */
    public static Transport forThisMachine(final int threads)
    {
        final int cores = Runtime.getRuntime().availableProcessors();
        return new Transport(threads > 0 ? threads : cores < 4 ? 1 : cores / 2);
    }

    /**
     * @param address where to listen.
     * @return a server builder on these loops.
     */
    public NettyServerBuilder serverBuilder(final SocketAddress address)
    {
        final Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class :
            NioServerSocketChannel.class;
        return NettyServerBuilder.forAddress(address).bossEventLoopGroup(boss).workerEventLoopGroup(workers)
            .channelType(channel);
    }

    /** @return the event loop the responder runs on. */
    public Executor responderLoop()
    {
        return workers.next();
    }

    /** @return e.g. "native epoll, 1 event loop thread". */
    public String describe()
    {
        return why + ", " + threads + " event loop thread" + (threads == 1 ? "" : "s");
    }

    /** @return whether the native epoll transport is in use. */
    public boolean isEpoll()
    {
        return epoll;
    }

    /** Stops the loops (after the server has stopped). */
    @Override
    public void close()
    {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
