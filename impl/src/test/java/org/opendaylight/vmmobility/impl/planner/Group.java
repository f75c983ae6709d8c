/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An application group: VMs that must keep reaching each other.
 *
 * @param name the group's name
 * @param members the group's members, with distinct VM ids; their order does not matter
 */
public record Group(String name, ImmutableList<Member> members) {
    /**
     * Creates a group.
     *
     * @param name the group's name
     * @param members the members, with distinct VM ids
     * @throws IllegalArgumentException if two members have the same VM id
     */
    public Group {
        requireNonNull(name);
        members = ImmutableList.copyOf(members);
        final Set<String> seen = new HashSet<>();
        for (Member member : members) {
            if (!seen.add(member.vmId())) {
                throw new IllegalArgumentException("group " + name + " lists member " + member.vmId() + " twice");
            }
        }
    }

    /**
     * Creates a group from any list of members.
     *
     * @param name the group's name
     * @param members the members
     * @return the group
     */
    public static Group of(final String name, final List<Member> members) {
        return new Group(name, ImmutableList.copyOf(members));
    }
}
