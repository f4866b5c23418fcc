import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Benchmark reference, not the gateway: an HTTP/1.1 reverse proxy on bare Netty, parsed messages forwarded as they
 * are (Connection headers dropped), a keep-alive upstream pool per event loop, no token check, tracing or limits.
 * It only handles what the benchmark sends (one request at a time per connection, no errors).
 * Usage (run.sh compiles it with FLOOR=1): java -cp <netty jars> NettyProxy <port> <upstream port> [loops=2]
 */
public class NettyProxy {

    static int upstreamPort;
    static final Map<EventLoop, ArrayDeque<Channel>> POOLS = new ConcurrentHashMap<>();

    /** The caller's side: each request goes out on an idle pooled upstream connection of the same loop. */
    static final class Front extends ChannelInboundHandlerAdapter {
        Channel upstream;
        final ArrayDeque<Object> pending = new ArrayDeque<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof HttpRequest request) {
                request.headers().remove(HttpHeaderNames.CONNECTION);
                Channel idle = POOLS.computeIfAbsent(ctx.channel().eventLoop(), loop -> new ArrayDeque<>()).poll();
                while (idle != null && !idle.isActive()) {
                    idle = POOLS.get(ctx.channel().eventLoop()).poll();
                }
                if (idle != null) {
                    use(ctx, idle);
                    idle.write(message);
                    return;
                }
                pending.add(message);
                new Bootstrap().group(ctx.channel().eventLoop()).channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel channel) {
                                channel.pipeline().addLast(new HttpClientCodec(), new Back());
                            }
                        })
                        .connect("127.0.0.1", upstreamPort).addListener((ChannelFutureListener) connected -> {
                            use(ctx, connected.channel());
                            for (Object queued; (queued = pending.poll()) != null; ) {
                                connected.channel().write(queued);
                            }
                            connected.channel().flush();
                        });
            } else if (upstream != null) {
                upstream.write(message);
            } else {
                pending.add(message);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (upstream != null) {
                upstream.flush();
            }
        }

        void use(ChannelHandlerContext ctx, Channel channel) {
            upstream = channel;
            channel.pipeline().get(Back.class).caller = ctx.channel();
        }
    }

    /** The upstream's side: the answer goes back as it comes; at its end the connection returns to the pool. */
    static final class Back extends ChannelInboundHandlerAdapter {
        Channel caller;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof HttpResponse response) {
                response.headers().remove(HttpHeaderNames.CONNECTION);
            }
            caller.write(message);
            if (message instanceof LastHttpContent) {
                caller.pipeline().get(Front.class).upstream = null;
                POOLS.get(ctx.channel().eventLoop()).add(ctx.channel());
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (caller != null) {
                caller.flush();
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        upstreamPort = Integer.parseInt(args[1]);
        int loops = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        new ServerBootstrap().group(new NioEventLoopGroup(loops)).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new Front());
                    }
                })
                .bind("127.0.0.1", Integer.parseInt(args[0])).sync();
    }
}
