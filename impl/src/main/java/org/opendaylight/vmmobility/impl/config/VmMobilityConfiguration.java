/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Where the translation pipeline lives on the switches. Set in Karaf's {@code etc/org.opendaylight.vmmobility.cfg}.
 */
@ObjectClassDefinition(name = "VM Mobility")
public @interface VmMobilityConfiguration {
    /**
     * The first of the five consecutive tables the pipeline uses.
     *
     * @return the base table
     */
    @AttributeDefinition(name = "base-table", min = "0", max = "249",
        description = "First of the five consecutive OpenFlow tables (base..base+4) the translation uses")
    short base$_$table() default 0;

    /**
     * The priority of translation flows.
     *
     * @return the priority
     */
    @AttributeDefinition(name = "priority", min = "1", max = "65534",
        description = "Priority of the translation flows; the pipeline's own miss flows use priority 0")
    int priority() default 1000;

    /**
     * Where packets go after the pipeline: -1 for output NORMAL, else a table after the pipeline.
     *
     * @return the next table, or -1
     */
    @AttributeDefinition(name = "next-table", min = "-1", max = "254",
        description = "-1: hand packets to OVS NORMAL forwarding; otherwise goto this table (after base+4)")
    int next$_$table() default -1;

    /**
     * Whether every connected switch gets the default forwarding flows.
     *
     * @return true to install them
     */
    @AttributeDefinition(name = "install-default-forwarding",
        description = "Install the pipeline's miss flows on every connected switch, and table 0 -> base table when "
            + "base-table > 0, so a standalone OVS forwards normally without any other application")
    boolean install$_$default$_$forwarding() default false;

    /**
     * How translations are laid out on a switch.
     *
     * @return auto, shared or per-pair
     */
    @AttributeDefinition(name = "flow-layout",
        description = "auto: per switch, the shared pipeline or per-pair flows, whichever needs fewer flows; "
            + "shared: always the five-table pipeline; per-pair: always per-pair flows in the base table")
    String flow$_$layout() default "auto";

    /**
     * What may start a migration of a VM that does not say it itself.
     *
     * @return rpc or announce
     */
    @AttributeDefinition(name = "activation",
        description = "rpc: only notify-migration starts a migration; announce: also the VM's own gratuitous ARP or "
            + "unsolicited Neighbor Advertisement of an address in another registered subnet (VMs registered by "
            + "interface-name; a VM's activation leaf overrides this)")
    String activation() default "rpc";

    /**
     * This controller's name in the engine state.
     *
     * @return the name, empty for the host name
     */
    @AttributeDefinition(name = "node-name", required = false,
        description = "This controller's name as vm-mobility/engine/node shows it when the engine runs here; "
            + "empty: the host name")
    String node$_$name() default "";

    /**
     * The address the metrics listener binds.
     *
     * @return the address
     */
    @AttributeDefinition(name = "metrics-address",
        description = "Address the Prometheus metrics listener (GET /metrics) binds; loopback by default")
    String metrics$_$address() default "127.0.0.1";

    /**
     * The metrics listener's port, 0 for none.
     *
     * @return the port
     */
    @AttributeDefinition(name = "metrics-port", min = "0", max = "65535",
        description = "TCP port of the Prometheus metrics listener; 0: no listener")
    int metrics$_$port() default 9464;

    /**
     * The user a scrape must authenticate as, empty for no authentication.
     *
     * @return the user
     */
    @AttributeDefinition(name = "metrics-user", required = false,
        description = "HTTP basic authentication user for /metrics (with metrics-password); empty: none")
    String metrics$_$user() default "";

    /**
     * The password a scrape must give.
     *
     * @return the password
     */
    @AttributeDefinition(name = "metrics-password", required = false, type = AttributeType.PASSWORD,
        description = "HTTP basic authentication password for /metrics")
    String metrics$_$password() default "";
}
