/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.restconf.server.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.BeforeClass;
import org.junit.Test;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yangtools.binding.runtime.spi.BindingRuntimeHelpers;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;

public class StrictShapeTest {
    private static final String VM = "{\"vm-id\":\"a\",\"home-address\":\"10.0.1.9\",\"mac\":\"02:00:00:00:00:09\","
        + "\"attachment\":{\"node-id\":\"openflow:1\",\"port\":1}}";
    private static EffectiveModelContext context;
    private static StrictShape root;
    private static StrictShape container;
    private static StrictShape rpc;
    private static StrictShape batch;

    @BeforeClass
    public static void model() {
        context = BindingRuntimeHelpers.createEffectiveModel(VmMobility.class);
        final var module = context.findModuleStatements("vm-mobility").iterator().next();
        root = new StrictShape(context, null);
        container = new StrictShape(context, module.findDataTreeNode(QName.create(module.localQNameModule(),
            "vm-mobility")).orElseThrow());
        rpc = new StrictShape(context, module.findSchemaTreeNode(QName.create(module.localQNameModule(),
            "notify-migration")).orElseThrow());
        batch = new StrictShape(context, module.findSchemaTreeNode(QName.create(module.localQNameModule(),
            "notify-migrations")).orElseThrow());
    }

    @Test
    public void aListWithTwoEntriesOfOneKeyIsRefusedWhereverItIs() {
        // yangtools keeps the last of them and drops the other without a word
        assertEquals("'/input/migration' has two entries with the same vm-id: each entry of a list needs its own key",
            refusal(batch, "{\"input\":{\"migration\":[{\"vm-id\":\"db\",\"new-address\":\"10.0.2.3\"},"
                + "{\"vm-id\":\"web\",\"new-address\":\"10.0.2.4\"},{\"vm-mobility:vm-id\":\"db\","
                + "\"new-address\":\"10.0.2.5\"}]}}"));
        assertEquals("'/vm' has two entries with the same vm-id: each entry of a list needs its own key",
            refusal(container, "{\"vm-mobility:vm\":[" + VM + "," + VM + "]}"));
        assertEquals("'/vm-mobility/application-group/member' has two entries with the same vm-id: each entry of a "
            + "list needs its own key", refusal(root, "{\"vm-mobility:vm-mobility\":{\"application-group\":["
                + "{\"name\":\"shop\",\"member\":[{\"vm-id\":\"a\"},{\"vm-id\":\"a\"}]}]}}"));
        batch.check(StrictInput.tree("{\"input\":{\"migration\":[{\"vm-id\":\"db\",\"new-address\":"
            + "\"10.0.2.3\"},{\"vm-id\":\"web\",\"new-address\":\"10.0.2.3\"}]}}"));
    }

    @Test
    public void aConfigurationLeafListWithAValueTwiceIsRefused() {
        assertEquals("'/vm-mobility/migration/cut-over' holds the same value twice: the values of a leaf-list are "
            + "unique", refusal(root, "{\"vm-mobility:vm-mobility\":{\"migration\":[{\"vm-id\":\"a\","
                + "\"new-address\":\"10.0.2.9\",\"cut-over\":[\"b\",\"c\",\"b\"]}]}}"));
    }

    private static String refusal(final StrictShape shape, final String body) {
        return assertThrows(IllegalArgumentException.class, () -> shape.check(StrictInput.tree(body))).getMessage();
    }

    @Test
    public void wellShapedBodiesPass() {
        root.check(StrictInput.tree("{\"vm-mobility:vm-mobility\":{\"vm\":[" + VM + "],\"application-group\":["
            + "{\"name\":\"shop\",\"member\":[{\"vm-id\":\"a\"}]}],\"migration\":[{\"vm-id\":\"a\","
            + "\"new-address\":\"10.0.2.9\",\"cut-over\":[\"b\",\"c\"]}]}}"));
        container.check(StrictInput.tree("{\"vm-mobility:vm\":[" + VM + "]}"));
        rpc.check(StrictInput.tree("{\"input\":{\"vm-id\":\"a\",\"new-address\":\"10.0.2.9\"}}"));
        rpc.check(StrictInput.tree("{\"vm-mobility:input\":{\"vm-id\":\"a\",\"new-attachment\":{\"node-id\":"
            + "\"openflow:2\",\"port\":3}}}"));
        // members the schema does not know are the parser's to refuse
        container.check(StrictInput.tree("{\"vm-mobility:vm\":[{\"no-such-leaf\":[1,{}]}]}"));
    }

    @Test
    public void eachShapeYangtoolsLetsThroughIsRefused() {
        assertEquals("'/vm' is a list: its value must be a JSON array of entries, even for one entry",
            refusal(container, "{\"vm-mobility:vm\":" + VM + "}"));
        assertEquals("'/vm-mobility/application-group/member' is a list: its value must be a JSON array of entries,"
            + " even for one entry", refusal(root, "{\"vm-mobility:vm-mobility\":{\"application-group\":["
                + "{\"name\":\"shop\",\"member\":{\"vm-id\":\"a\"}}]}}"));
        assertEquals("'/input/new-address' is a leaf: its value must be one value, not an array",
            refusal(rpc, "{\"input\":{\"vm-id\":\"a\",\"new-address\":[\"10.0.2.9\"]}}"));
        assertEquals("'/input/vm-id' is a leaf: its value must be one value, not an object",
            refusal(rpc, "{\"input\":{\"vm-id\":{\"id\":\"a\"}}}"));
        assertEquals("'/input/new-attachment' is a container: its value must be a JSON object",
            refusal(rpc, "{\"input\":{\"vm-id\":\"a\",\"new-attachment\":[]}}"));
        assertEquals("'/input' is a container: its value must be a JSON object", refusal(rpc, "{\"input\":[{}]}"));
        assertEquals("'/vm-mobility/migration/cut-over' is a leaf-list: its value must be a JSON array of values",
            refusal(root, "{\"vm-mobility:vm-mobility\":{\"migration\":[{\"vm-id\":\"a\",\"cut-over\":"
                + "\"b\"}]}}"));
        assertEquals("'/vm-mobility/vm' is a list: each entry must be a JSON object",
            refusal(root, "{\"vm-mobility:vm-mobility\":{\"vm\":[\"a\"]}}"));
        assertEquals("'/nowhere:vm': no module is named 'nowhere'", refusal(container, "{\"nowhere:vm\":[]}"));
        assertEquals("'/vm/state' is config false (state the server keeps): it cannot be written",
            refusal(container, "{\"vm-mobility:vm\":[{\"vm-id\":\"a\",\"state\":{}}]}"));
    }
}
