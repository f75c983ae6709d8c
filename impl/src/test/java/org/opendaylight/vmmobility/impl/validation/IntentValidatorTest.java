/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.validation;

import static org.junit.Assert.assertEquals;
import static org.opendaylight.vmmobility.impl.testing.Intents.group;
import static org.opendaylight.vmmobility.impl.testing.Intents.intent;
import static org.opendaylight.vmmobility.impl.testing.Intents.member;
import static org.opendaylight.vmmobility.impl.testing.Intents.migration;
import static org.opendaylight.vmmobility.impl.testing.Intents.shop;
import static org.opendaylight.vmmobility.impl.testing.Intents.subnet;

import java.util.List;
import org.junit.Test;

public class IntentValidatorTest {
    @Test
    public void acceptsTheShopAndAMigration() {
        assertEquals(List.of(), IntentValidator.validate(shop()));
        assertEquals(List.of(), IntentValidator.validate(shop(migration("db", "10.0.2.33", "openflow:2", 1))));
        assertEquals(List.of(), IntentValidator.validate(null));
    }

    @Test
    public void rejectsTwoMembersWithOneHomeAddressInAGroup() {
        final var violations = IntentValidator.validate(intent(List.of(), List.of(group("shop",
            member("web", "10.0.1.1", "02:00:00:00:00:01", "openflow:1", 1),
            member("db", "10.0.1.1", "02:00:00:00:00:03", "openflow:1", 3))), List.of()));
        assertEquals(List.of(new Violation("/vm-mobility:vm-mobility/application-group=shop/member=web/home-address",
            "home address 10.0.1.1 is already used by member db of group shop")), violations);
    }

    @Test
    public void rejectsOneVmWithTwoHomeAddressesAcrossGroups() {
        final var violations = IntentValidator.validate(intent(List.of(), List.of(
            group("a", member("db", "10.0.1.3", "02:00:00:00:00:03", "openflow:1", 3)),
            group("b", member("db", "10.0.1.4", "02:00:00:00:00:03", "openflow:1", 3))), List.of()));
        assertEquals(List.of(new Violation("/vm-mobility:vm-mobility/application-group=b/member=db/home-address",
            "VM db has home address 10.0.1.3 in group a but 10.0.1.4 here")), violations);
    }

    @Test
    public void rejectsAHomeAddressOfTwoVmsAcrossGroups() {
        final var violations = IntentValidator.validate(intent(List.of(), List.of(
            group("a", member("db", "10.0.1.3", "02:00:00:00:00:03", "openflow:1", 3)),
            group("b", member("cache", "10.0.1.3", "02:00:00:00:00:04", "openflow:1", 4))), List.of()));
        assertEquals(List.of(new Violation("/vm-mobility:vm-mobility/application-group=b/member=cache/home-address",
            "home address 10.0.1.3 already belongs to VM db")), violations);
    }

    @Test
    public void rejectsAMacOfTwoVmsAndAnAttachmentThatDiffers() {
        final var violations = IntentValidator.validate(intent(List.of(), List.of(
            group("a", member("db", "10.0.1.3", "02:00:00:00:00:03", "openflow:1", 3)),
            group("b", member("db", "10.0.1.3", "02:00:00:00:00:03", "openflow:2", 3),
                member("cache", "10.0.1.4", "02:00:00:00:00:03", "openflow:1", 4))), List.of()));
        assertEquals(3, violations.size());
        assertEquals("VM db attaches at openflow:1 port 3 in group a but at openflow:2 port 3 here",
            violations.stream().filter(v -> v.path().endsWith("member=db/attachment")).findFirst().orElseThrow()
                .message());
    }

    @Test
    public void rejectsSubnetsWithHostBitsOrAForeignGateway() {
        final var violations = IntentValidator.validate(intent(List.of(
            subnet("10.0.1.5/24", "10.0.1.254", "02:00:00:00:01:fe"),
            subnet("10.0.2.0/24", "10.0.3.254", "02:00:00:00:02:fe")), List.of(), List.of()));
        assertEquals(List.of(
            new Violation("/vm-mobility:vm-mobility/subnet=10.0.1.5/24/prefix",
                "prefix 10.0.1.5/24 has host bits set; did you mean 10.0.1.0/24?"),
            new Violation("/vm-mobility:vm-mobility/subnet=10.0.2.0/24/gateway-address",
                "gateway 10.0.3.254 is outside subnet 10.0.2.0/24")), violations);
    }

    @Test
    public void rejectsMigrationsOfUnknownVmsToTakenAddressesOrHome() {
        assertEquals(List.of(new Violation("/vm-mobility:vm-mobility/migration=ghost",
                "VM ghost is not a member of any application group")),
            IntentValidator.validate(shop(migration("ghost", "10.0.2.9", "openflow:2", 1))));
        assertEquals(List.of(new Violation("/vm-mobility:vm-mobility/migration=db/new-address",
                "new address 10.0.1.1 is the home address of VM web")),
            IntentValidator.validate(shop(migration("db", "10.0.1.1", "openflow:2", 1))));
        assertEquals(1, IntentValidator.validate(shop(migration("db", "10.0.1.3", "openflow:2", 1))).size());
        assertEquals(List.of(new Violation("/vm-mobility:vm-mobility/migration=web/new-address",
                "new address 10.0.2.33 is already the new address of migrated VM db")),
            IntentValidator.validate(shop(migration("db", "10.0.2.33", "openflow:2", 1),
                migration("web", "10.0.2.33", "openflow:2", 2))));
    }

    @Test
    public void anAcceptedMigrationSurvivesTheDeletionOfItsVmsLastGroup() {
        final var before = shop(migration("db", "10.0.2.33", "openflow:2", 1));
        final var after = intent(List.copyOf(before.nonnullSubnet().values()), List.of(),
            List.copyOf(before.nonnullMigration().values()));
        assertEquals(List.of(), IntentValidator.validate(before, after));
        assertEquals(1, IntentValidator.validate(null, after).size());
    }
}
