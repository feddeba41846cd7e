package io.spindle.runtime.rpc;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A Netty endpoint that exchanges Kryo-framed messages: the driver listens, executors connect. Incoming
 * messages go to a {@link Handler} on Netty's I/O thread, which must not block for long.
 */
public final class RpcEndpoint
        implements AutoCloseable
{
    /** What a side does with the messages and connections it sees. */
    public interface Handler
    {
        void onMessage(Channel channel, Object message);

        default void onDisconnect(Channel channel)
        {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(RpcEndpoint.class);

    private final EventLoopGroup group;
    private final Channel channel;

    private RpcEndpoint(EventLoopGroup group, Channel channel)
    {
        this.group = group;
        this.channel = channel;
    }

    public static RpcEndpoint listen(String bindHost, int port, Handler handler)
    {
        EventLoopGroup group = new NioEventLoopGroup(2, new DefaultThreadFactory("spindle-rpc-server", true));
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(initializer(handler))
                    .bind(bindHost, port)
                    .sync()
                    .channel();
            return new RpcEndpoint(group, channel);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("interrupted while binding the RPC endpoint", e);
        }
        catch (Exception e) {
            // Netty rethrows checked exceptions (BindException) from sync() without declaring them
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot listen on " + bindHost + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public static RpcEndpoint connect(String host, int port, Handler handler, int timeoutMillis)
    {
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("spindle-rpc-client", true));
        try {
            Channel channel = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                    .handler(initializer(handler))
                    .connect(host, port)
                    .sync()
                    .channel();
            return new RpcEndpoint(group, channel);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("interrupted while connecting to the driver", e);
        }
        catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot connect to the driver at " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private static ChannelInitializer<SocketChannel> initializer(Handler handler)
    {
        return new ChannelInitializer<>()
        {
            @Override
            protected void initChannel(SocketChannel ch)
            {
                KryoFrameCodec.install(ch.pipeline());
                ch.pipeline().addLast("handler", new SimpleChannelInboundHandler<Object>()
                {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, Object message)
                    {
                        handler.onMessage(ctx.channel(), message);
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx)
                    {
                        handler.onDisconnect(ctx.channel());
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause)
                    {
                        LOG.warn("closing RPC connection {} after an error", ctx.channel().remoteAddress(), cause);
                        ctx.close();
                    }
                });
            }
        };
    }

    /** The channel: the listening socket for a server, the connection for a client. */
    public Channel channel()
    {
        return channel;
    }

    public int port()
    {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close()
    {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
