/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.metrics;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} in Prometheus's text format on the configured address and port (Netty, one thread),
 * with HTTP basic authentication when credentials are configured. Any other path answers 404, another method 405, a
 * scrape without the right credentials 401.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    private static final int MAX_REQUEST_BYTES = 8_192;

    private final EventLoopGroup group;
    private final Channel channel;

    private MetricsServer(final EventLoopGroup group, final Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * Starts serving.
     *
     * @param endpoint where, and who may read
     * @param registry what to serve
     * @return the running server
     * @throws IOException if the address cannot be bound
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    public static MetricsServer start(final MetricsEndpoint endpoint, final PrometheusRegistry registry)
            throws IOException {
        requireNonNull(registry);
        final Optional<byte[]> expected = endpoint.credentials().map(given -> ("Basic " + Base64.getEncoder()
            .encodeToString((given.user() + ":" + given.password()).getBytes(StandardCharsets.UTF_8)))
            .getBytes(StandardCharsets.UTF_8));
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("vmmobility-metrics", true), NioIoHandler.newFactory());
        try {
            final Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(final SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                            new Scrape(registry, expected));
                    }
                })
                .bind(new InetSocketAddress(endpoint.address(), endpoint.port())).sync().channel();
            return new MetricsServer(group, channel);
        } catch (InterruptedException e) {
            group.shutdownGracefully();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + endpoint, e);
        } catch (Exception e) {
            // Netty rethrows the bind's BindException unchecked
            group.shutdownGracefully();
            throw new IOException("cannot serve " + endpoint + ": " + e, e);
        }
    }

    /**
     * Where it listens.
     *
     * @return the bound address
     */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        // no quiet period: the listener is closed and nothing else runs on this group
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Answers one request. */
    private static final class Scrape extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final PrometheusRegistry registry;
        private final Optional<byte[]> expected;
        private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

        Scrape(final PrometheusRegistry registry, final Optional<byte[]> expected) {
            this.registry = registry;
            this.expected = expected;
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request) {
            final FullHttpResponse response;
            if (!"/metrics".equals(new QueryStringDecoder(request.uri()).path())) {
                response = text(request, HttpResponseStatus.NOT_FOUND, "only /metrics is served here\n");
            } else if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
                response = text(request, HttpResponseStatus.METHOD_NOT_ALLOWED, "GET /metrics\n");
                response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            } else if (!authorized(request)) {
                response = text(request, HttpResponseStatus.UNAUTHORIZED, "credentials needed (metrics-user)\n");
                response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"vmmobility-metrics\"");
            } else {
                response = scrape(ctx, request);
            }
            final boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            HttpUtil.setContentLength(response, response.content().readableBytes());
            final var written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private boolean authorized(final FullHttpRequest request) {
            if (expected.isEmpty()) {
                return true;
            }
            final String given = request.headers().get(HttpHeaderNames.AUTHORIZATION);
            return given != null
                && MessageDigest.isEqual(expected.orElseThrow(), given.getBytes(StandardCharsets.UTF_8));
        }

        @SuppressWarnings("checkstyle:IllegalCatch")
        private FullHttpResponse scrape(final ChannelHandlerContext ctx, final FullHttpRequest request) {
            final var body = ctx.alloc().buffer();
            try (var out = new ByteBufOutputStream(body)) {
                writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
            } catch (IOException | RuntimeException e) {
                body.release();
                LOG.error("Collecting the metrics failed", e);
                return text(request, HttpResponseStatus.INTERNAL_SERVER_ERROR, "collecting the metrics failed: "
                    + e + "\n");
            }
            final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                body);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, writer.getContentType());
            if (HttpMethod.HEAD.equals(request.method())) {
                response.content().clear();
            }
            return response;
        }

        private static FullHttpResponse text(final FullHttpRequest request, final HttpResponseStatus status,
                final String message) {
            final FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), status,
                Unpooled.copiedBuffer(message, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            return response;
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
            LOG.warn("A metrics request from {} failed", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }
}
