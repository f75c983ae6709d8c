/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.tools.patcher;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Every class this module compiles into the netconf packages is added to the distribution: a class left out (say a
 * nested class of StrictShape) builds and passes the rewrite check, and then fails at runtime with
 * NoClassDefFoundError on the first request (seen once: every RESTCONF write answered 500).
 */
public final class AddedClassesTest {
    @Test
    public void everyClassOfTheNetconfPackagesIsAdded() throws IOException, URISyntaxException {
        final Path classes = Path.of(RestconfInputRewriter.class.getProtectionDomain().getCodeSource().getLocation()
            .toURI());
        final Set<String> compiled;
        try (Stream<Path> files = Files.walk(classes.resolve("org/opendaylight/restconf"))) {
            compiled = files.filter(file -> file.toString().endsWith(".class"))
                .map(file -> classes.relativize(file).toString().replace('\\', '/'))
                .collect(Collectors.toCollection(TreeSet::new));
        }
        final Set<String> added = RestconfInputRewriter.ADDED_CLASSES.values().stream().flatMap(Collection::stream)
            .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(compiled, added);
    }
}
