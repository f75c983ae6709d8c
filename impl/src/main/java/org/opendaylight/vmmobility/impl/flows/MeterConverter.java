/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.flows;

import org.opendaylight.vmmobility.impl.planner.PuntMeter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.MeterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.BandId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterBandType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterFlags;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.band.type.band.type.DropBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.meter.MeterBandHeadersBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.meter.meter.band.headers.MeterBandHeaderBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.meter.meter.band.headers.meter.band.header.MeterBandTypesBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The {@link PuntMeter} as openflowplugin's config inventory holds it: packets per second with a burst, one drop
 * band (OpenFlow 1.3 {@code OFPMF_PKTPS | OFPMF_BURST}, {@code OFPMBT_DROP}).
 */
public final class MeterConverter {
    private MeterConverter() {
        // static only
    }

    /**
     * The punt meter.
     *
     * @return the meter for the config inventory datastore
     */
    public static Meter puntMeter() {
        final Uint32 rate = Uint32.valueOf(PuntMeter.RATE_PPS);
        final Uint32 burst = Uint32.valueOf(PuntMeter.BURST_PACKETS);
        return new MeterBuilder()
            .setMeterId(new MeterId(Uint32.valueOf(PuntMeter.ID)))
            .setMeterName("vmm punt to controller: " + PuntMeter.RATE_PPS + " packets/s")
            // meterBurst, meterKbps, meterPktps, meterStats
            .setFlags(new MeterFlags(true, false, true, false))
            .setMeterBandHeaders(new MeterBandHeadersBuilder().setMeterBandHeader(BindingMap.of(
                new MeterBandHeaderBuilder()
                    .setBandId(new BandId(Uint32.ZERO))
                    .setBandRate(rate)
                    .setBandBurstSize(burst)
                    // ofpmbtDrop, ofpmbtDscpRemark, ofpmbtExperimenter
                    .setMeterBandTypes(new MeterBandTypesBuilder().setFlags(new MeterBandType(true, false, false))
                        .build())
                    .setBandType(new DropBuilder().setDropRate(rate).setDropBurstSize(burst).build())
                    .build())).build())
            .build();
    }
}
