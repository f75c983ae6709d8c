/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.restconf.server.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.QNameModule;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.opendaylight.yangtools.yang.model.api.meta.EffectiveStatement;
import org.opendaylight.yangtools.yang.model.api.stmt.ActionEffectiveStatement;
import org.opendaylight.yangtools.yang.model.api.stmt.AnydataEffectiveStatement;
import org.opendaylight.yangtools.yang.model.api.stmt.AnyxmlEffectiveStatement;
import org.opendaylight.yangtools.yang.model.api.stmt.ConfigEffectiveStatement;
import org.opendaylight.yangtools.yang.model.api.stmt.DataTreeAwareEffectiveStatement;
import org.opendaylight.yangtools.yang.model.api.stmt.DataTreeEffectiveStatement;
import org.opendaylight.yangtools.yang.model.api.stmt.InputEffectiveStatement;
import org.opendaylight.yangtools.yang.model.api.stmt.KeyEffectiveStatement;
import org.opendaylight.yangtools.yang.model.api.stmt.LeafEffectiveStatement;
import org.opendaylight.yangtools.yang.model.api.stmt.LeafListEffectiveStatement;
import org.opendaylight.yangtools.yang.model.api.stmt.ListEffectiveStatement;
import org.opendaylight.yangtools.yang.model.api.stmt.RpcEffectiveStatement;

/**
 * The JSON shape RFC 7951 gives each data node, checked on a parsed body against the schema (added to netconf 9.0.1's
 * restconf-server-api by the build, see {@link StrictInput}): a list is an array of objects, a leaf-list an array of
 * values, a leaf one value (or {@code [null]} for type empty), a container (and an RPC's input) an object, and a
 * member's module prefix names a module of the schema; and no member is config false (RFC 8040: state is not
 * writable; netconf 9.0.1 passes it to the datastore, which fails the commit with a 500); and no two entries of a
 * list have the same key, no configuration leaf-list holds a value twice (RFC 7950 7.8.2 and 7.7: yangtools keeps
 * the last of such entries and drops the others without a word, so a request with a duplicate would be stored as
 * something else than was sent). Members the schema does not know are left to the parser, which refuses them.
 */
final class StrictShape {
    /**
     * A parsed JSON number.
     *
     * @param text the number as written
     */
    record JsonNumber(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A parsed JSON null. */
    static final Object NULL = new Object();

    private final EffectiveModelContext context;
    private final EffectiveStatement<?, ?> parent;
    /** Whether the body is an operation's input (whose leaf-lists may repeat a value), not data. */
    private final boolean operation;

    StrictShape(final EffectiveModelContext context, final EffectiveStatement<?, ?> parent) {
        this.context = context;
        this.parent = parent;
        operation = parent instanceof RpcEffectiveStatement || parent instanceof ActionEffectiveStatement
            || parent instanceof InputEffectiveStatement;
    }

    void check(final Object body) {
        if (body instanceof Map<?, ?> members) {
            members(members, parent, parent == null ? null : module(parent), "");
        }
    }

    private void members(final Map<?, ?> members, final EffectiveStatement<?, ?> container,
            final QNameModule inherited, final String path) {
        for (var member : members.entrySet()) {
            final String name = (String) member.getKey();
            final int colon = name.indexOf(':');
            final QNameModule module;
            if (colon >= 0) {
                final String prefix = name.substring(0, colon);
                final var modules = context.findModuleStatements(prefix);
                if (modules.isEmpty()) {
                    throw new IllegalArgumentException("'" + path + "/" + name + "': no module is named '" + prefix
                        + "'");
                }
                module = modules.iterator().next().localQNameModule();
            } else if (inherited != null) {
                module = inherited;
            } else {
                continue;
            }
            final String local = name.substring(colon + 1);
            final QName qname;
            try {
                qname = QName.create(module, local);
            } catch (IllegalArgumentException e) {
                continue;
            }
            final String where = path + "/" + local;
            final Optional<EffectiveStatement<?, ?>> child = child(container, qname);
            if (child.isPresent()) {
                if (child.orElseThrow().findFirstEffectiveSubstatementArgument(ConfigEffectiveStatement.class)
                        .orElse(Boolean.TRUE).equals(Boolean.FALSE)) {
                    throw new IllegalArgumentException("'" + where + "' is config false (state the server keeps):"
                        + " it cannot be written");
                }
                shape(child.orElseThrow(), member.getValue(), where);
            } else if (container != null && qname.equals(container.argument())) {
                // the body names the node the parser starts at (an RPC's input)
                shape(container, member.getValue(), where);
            }
        }
    }

    private Optional<EffectiveStatement<?, ?>> child(final EffectiveStatement<?, ?> container, final QName qname) {
        if (container == null) {
            return context.findModuleStatement(qname.getModule())
                .flatMap(module -> module.findDataTreeNode(qname)).map(found -> (EffectiveStatement<?, ?>) found);
        }
        if (container instanceof DataTreeAwareEffectiveStatement<?, ?> aware) {
            final Optional<DataTreeEffectiveStatement<?>> found = aware.findDataTreeNode(qname);
            return found.map(node -> (EffectiveStatement<?, ?>) node);
        }
        return Optional.empty();
    }

    private void shape(final EffectiveStatement<?, ?> node, final Object value, final String where) {
        if (node instanceof AnydataEffectiveStatement || node instanceof AnyxmlEffectiveStatement) {
            return;
        }
        if (node instanceof ListEffectiveStatement) {
            if (!(value instanceof List<?> entries)) {
                throw new IllegalArgumentException("'" + where + "' is a list: its value must be a JSON array of "
                    + "entries, even for one entry");
            }
            final Set<QName> keys = node.findFirstEffectiveSubstatementArgument(KeyEffectiveStatement.class)
                .orElse(Set.of());
            final Set<List<String>> seen = new HashSet<>();
            for (var entry : entries) {
                if (!(entry instanceof Map<?, ?> members)) {
                    throw new IllegalArgumentException("'" + where + "' is a list: each entry must be a JSON object");
                }
                members(members, node, module(node), where);
                final List<String> key = key(members, keys);
                if (key != null && !seen.add(key)) {
                    // the key is not echoed: it may be anything a client sent
                    throw new IllegalArgumentException("'" + where + "' has two entries with the same "
                        + String.join(" and ", keys.stream().map(QName::getLocalName).toList())
                        + ": each entry of a list needs its own key");
                }
            }
        } else if (node instanceof LeafListEffectiveStatement) {
            if (!(value instanceof List<?> values) || values.stream().anyMatch(StrictShape::isStructured)) {
                throw new IllegalArgumentException("'" + where + "' is a leaf-list: its value must be a JSON array "
                    + "of values");
            }
            if (!operation && new HashSet<>(values.stream().map(String::valueOf).toList()).size() != values.size()) {
                throw new IllegalArgumentException("'" + where + "' holds the same value twice: the values of a "
                    + "leaf-list are unique");
            }
        } else if (node instanceof LeafEffectiveStatement) {
            if (value instanceof List<?> values && !(values.size() == 1 && values.get(0) == NULL)) {
                throw new IllegalArgumentException("'" + where + "' is a leaf: its value must be one value, not an "
                    + "array");
            }
            if (value instanceof Map) {
                throw new IllegalArgumentException("'" + where + "' is a leaf: its value must be one value, not an "
                    + "object");
            }
        } else if (node instanceof DataTreeAwareEffectiveStatement) {
            // container, input, output, notification
            if (!(value instanceof Map<?, ?> members)) {
                throw new IllegalArgumentException("'" + where + "' is a container: its value must be a JSON "
                    + "object");
            }
            members(members, node, module(node), where);
        }
    }

    /**
     * The key of a list entry as the texts of its key leaves, or null when the entry lacks one (the parser refuses
     * it) or the list has no key.
     */
    private static List<String> key(final Map<?, ?> members, final Set<QName> keys) {
        if (keys.isEmpty()) {
            return null;
        }
        final List<String> key = new ArrayList<>(keys.size());
        for (QName leaf : keys) {
            Object found = null;
            for (var member : members.entrySet()) {
                final String name = (String) member.getKey();
                if (name.substring(name.indexOf(':') + 1).equals(leaf.getLocalName())) {
                    found = member.getValue();
                    break;
                }
            }
            if (found == null || isStructured(found)) {
                return null;
            }
            key.add(String.valueOf(found));
        }
        return key;
    }

    private static boolean isStructured(final Object value) {
        return value instanceof Map || value instanceof List;
    }

    private static QNameModule module(final EffectiveStatement<?, ?> node) {
        return node.argument() instanceof QName qname ? qname.getModule() : null;
    }
}
