/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.writer;

import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.util.List;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * A data broker whose read-write transactions record, in order, what the flow writer does with them: "put FLOW-ID",
 * "put meter METER-ID", "delete FLOW-ID", "delete meter" and "commit", then do it on the real broker.
 */
final class RecordingTransactions {
    private RecordingTransactions() {
        // static only
    }

    /**
     * Wraps a broker.
     *
     * @param real the broker that stores
     * @param events where the operations are recorded (thread-safe)
     * @return the recording broker
     */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    static DataBroker recording(final DataBroker real, final List<String> events) {
        final DataBroker broker = mock(DataBroker.class, delegatesTo(real));
        doAnswer(invocation -> {
            final ReadWriteTransaction tx = real.newReadWriteTransaction();
            final ReadWriteTransaction recorded = mock(ReadWriteTransaction.class, delegatesTo(tx));
            doAnswer(put -> {
                if (put.getArgument(2) instanceof Flow flow) {
                    events.add("put " + flow.getId().getValue());
                } else if (put.getArgument(2) instanceof Meter meter) {
                    events.add("put meter " + meter.getMeterId().getValue());
                }
                tx.put(put.getArgument(0), put.<DataObjectIdentifier>getArgument(1), put.getArgument(2));
                return null;
            }).when(recorded).put(any(LogicalDatastoreType.class), any(DataObjectIdentifier.class), any());
            doAnswer(delete -> {
                if (delete.getArgument(1) instanceof DataObjectIdentifier.WithKey<?, ?> path) {
                    events.add(path.key() instanceof FlowKey key ? "delete " + key.getId().getValue()
                        : "delete meter");
                }
                tx.delete(delete.getArgument(0), delete.<DataObjectIdentifier<?>>getArgument(1));
                return null;
            }).when(recorded).delete(any(LogicalDatastoreType.class), any(DataObjectIdentifier.class));
            doAnswer(commit -> {
                events.add("commit");
                return tx.commit();
            }).when(recorded).commit();
            return recorded;
        }).when(broker).newReadWriteTransaction();
        return broker;
    }
}
