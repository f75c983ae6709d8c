/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.opendaylight.vmmobility.impl.reconcile.EngineStep;

/**
 * The /metrics listener over real HTTP on loopback: the text format, the metrics' names and labels, authentication.
 */
public class MetricsServerTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    public void servesTheMetricsInPrometheusTextFormat() throws Exception {
        final VmmMetrics metrics = new VmmMetrics("member-1");
        metrics.migrationsByPhase(() -> Map.of("active", 1, "pending", 0, "failed", 0));
        metrics.activated(TimeUnit.MILLISECONDS.toNanos(70));
        metrics.rpcAnswered("notify-migration", RpcOutcome.OK);
        metrics.rpcAnswered("notify-migration", RpcOutcome.UNKNOWN_VM);
        metrics.rpcAnswered("cut-over", RpcOutcome.FAILED);
        metrics.switchFlows("openflow:1", 12, 11);
        metrics.engineRunning(true);
        metrics.datastoreRetry("conflict");
        try (var server = MetricsServer.start(new MetricsEndpoint("127.0.0.1", 0, Optional.empty()),
                metrics.registry())) {
            final HttpResponse<String> answer = get(server, "/metrics", Optional.empty());
            assertEquals(200, answer.statusCode());
            assertTrue(answer.headers().firstValue("content-type").orElseThrow().startsWith("text/plain"));
            final String body = answer.body();
            assertContains(body, "vmm_migrations{phase=\"active\"} 1.0");
            assertContains(body, "vmm_migration_activation_seconds_bucket{le=\"0.1\"} 1");
            assertContains(body, "vmm_migration_activation_seconds_bucket{le=\"0.05\"} 0");
            assertContains(body, "vmm_migration_activation_seconds_count 1");
            assertContains(body, "vmm_rpc_calls_total{outcome=\"ok\",rpc=\"notify-migration\"} 1.0");
            assertContains(body, "vmm_rpc_calls_total{outcome=\"refused\",rpc=\"notify-migration\"} 1.0");
            assertContains(body, "vmm_rpc_refusals_total{reason=\"unknown-vm\",rpc=\"notify-migration\"} 1.0");
            assertContains(body, "vmm_rpc_failures_total{rpc=\"cut-over\"} 1.0");
            assertContains(body, "vmm_flows_planned{switch=\"openflow:1\"} 12.0");
            assertContains(body, "vmm_flows_confirmed{switch=\"openflow:1\"} 11.0");
            assertContains(body, "vmm_engine_running{node=\"member-1\"} 1.0");
            assertContains(body, "vmm_datastore_retries_total{cause=\"conflict\"} 1.0");

            metrics.switchGone("openflow:1");
            assertTrue(!get(server, "/metrics", Optional.empty()).body().contains("switch=\"openflow:1\""));
            assertEquals(404, get(server, "/other", Optional.empty()).statusCode());
        }
    }

    @Test
    public void withCredentialsAScrapeWithoutThemGets401() throws Exception {
        final VmmMetrics metrics = VmmMetrics.withJvm("n");
        try (var server = MetricsServer.start(new MetricsEndpoint("127.0.0.1", 0,
                Optional.of(new MetricsEndpoint.Credentials("prom", "s3cret"))), metrics.registry())) {
            assertEquals(401, get(server, "/metrics", Optional.empty()).statusCode());
            assertEquals(401, get(server, "/metrics", Optional.of("prom:wrong")).statusCode());
            final HttpResponse<String> answer = get(server, "/metrics", Optional.of("prom:s3cret"));
            assertEquals(200, answer.statusCode());
            assertContains(answer.body(), "jvm_memory_used_bytes");
        }
    }

    @Test
    public void theStepLabelsAreTheEngineSteps() {
        assertEquals(Arrays.stream(EngineStep.values()).map(step -> step.name().toLowerCase(Locale.ROOT)).toList(),
            VmmMetrics.STEPS);
    }

    @Test(expected = IOException.class)
    public void aPortInUseFailsToStart() throws Exception {
        final VmmMetrics metrics = new VmmMetrics("n");
        try (var first = MetricsServer.start(new MetricsEndpoint("127.0.0.1", 0, Optional.empty()),
                metrics.registry())) {
            MetricsServer.start(new MetricsEndpoint("127.0.0.1", first.address().getPort(), Optional.empty()),
                metrics.registry()).close();
        }
    }

    private HttpResponse<String> get(final MetricsServer server, final String path, final Optional<String> userPass)
            throws IOException, InterruptedException {
        final var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort()
            + path));
        userPass.ifPresent(given -> request.header("Authorization", "Basic "
            + Base64.getEncoder().encodeToString(given.getBytes(StandardCharsets.UTF_8))));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertContains(final String body, final String line) {
        assertTrue("missing " + line + " in\n" + body, body.contains(line));
    }
}
