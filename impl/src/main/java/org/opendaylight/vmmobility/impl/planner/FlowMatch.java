/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * The match of a planned flow; an absent field is a wildcard. The prerequisites of OpenFlow 1.3 hold: an IPv4
 * field comes with ethType 0x0800, an IPv6 field with 0x86dd, an ARP field with 0x0806.
 *
 * @param inPort the ingress port
 * @param ethType the Ethernet type
 * @param ipv4Src the IPv4 source address (an exact /32 match)
 * @param ipv4Dst the IPv4 destination address (an exact /32 match)
 * @param arpOp the ARP opcode
 * @param arpSpa the ARP sender protocol address (an exact /32 match)
 * @param arpTpa the ARP target protocol address (an exact /32 match)
 * @param ipv6Src the IPv6 source address (an exact /128 match)
 * @param ipv6Dst the IPv6 destination address (an exact /128 match)
 * @param ipProto the IP protocol
 * @param icmpv6Type the ICMPv6 type
 * @param icmpv6Code the ICMPv6 code
 * @param ndTarget the Neighbor Discovery target address
 * @param metadata the masked metadata
 * @param ethSrc the Ethernet source address
 * @param arpSpaNet the subnet the ARP sender protocol address lies in (a masked match)
 * @param ipv6SrcNet the subnet the IPv6 source address lies in (a masked match)
 */
public record FlowMatch(OptionalLong inPort, OptionalInt ethType, Optional<Ipv4> ipv4Src, Optional<Ipv4> ipv4Dst,
        OptionalInt arpOp, Optional<Ipv4> arpSpa, Optional<Ipv4> arpTpa, Optional<Ipv6> ipv6Src,
        Optional<Ipv6> ipv6Dst, OptionalInt ipProto, OptionalInt icmpv6Type, OptionalInt icmpv6Code,
        Optional<Ipv6> ndTarget, Optional<MetadataMatch> metadata, Optional<Mac> ethSrc,
        Optional<Ipv4Prefix> arpSpaNet, Optional<Ipv6Prefix> ipv6SrcNet) {
    /** The ICMPv6 IP protocol number. */
    public static final int IP_PROTO_ICMPV6 = 58;
    /** The ICMPv6 type of a Neighbor Solicitation. */
    public static final int ND_SOLICITATION = 135;
    /** The ICMPv6 type of a Neighbor Advertisement. */
    public static final int ND_ADVERTISEMENT = 136;
    /** The IPv4 Ethernet type. */
    public static final int ETH_TYPE_IPV4 = 0x0800;
    /** The IPv6 Ethernet type. */
    public static final int ETH_TYPE_IPV6 = 0x86dd;
    /** The ARP Ethernet type. */
    public static final int ETH_TYPE_ARP = 0x0806;
    /** The ARP request opcode. */
    public static final int ARP_REQUEST = 1;
    /** The ARP reply opcode. */
    public static final int ARP_REPLY = 2;
    /** The match that matches every packet (a table's miss flow). */
    public static final FlowMatch ANY = builder().build();

    /**
     * Creates a match.
     *
     * @param inPort the ingress port
     * @param ethType the Ethernet type
     * @param ipv4Src the IPv4 source address
     * @param ipv4Dst the IPv4 destination address
     * @param arpOp the ARP opcode
     * @param arpSpa the ARP sender protocol address
     * @param arpTpa the ARP target protocol address
     * @param ipv6Src the IPv6 source address
     * @param ipv6Dst the IPv6 destination address
     * @param ipProto the IP protocol
     * @param icmpv6Type the ICMPv6 type
     * @param icmpv6Code the ICMPv6 code
     * @param ndTarget the Neighbor Discovery target address
     * @param metadata the masked metadata
     * @param ethSrc the Ethernet source address
     * @param arpSpaNet the subnet of the ARP sender protocol address
     * @param ipv6SrcNet the subnet of the IPv6 source address
     */
    public FlowMatch {
        requireNonNull(inPort);
        requireNonNull(ethType);
        requireNonNull(ipv4Src);
        requireNonNull(ipv4Dst);
        requireNonNull(arpOp);
        requireNonNull(arpSpa);
        requireNonNull(arpTpa);
        requireNonNull(ipv6Src);
        requireNonNull(ipv6Dst);
        requireNonNull(ipProto);
        requireNonNull(icmpv6Type);
        requireNonNull(icmpv6Code);
        requireNonNull(ndTarget);
        requireNonNull(metadata);
        requireNonNull(ethSrc);
        requireNonNull(arpSpaNet);
        requireNonNull(ipv6SrcNet);
        if (ipv6Src.isPresent() && ipv6SrcNet.isPresent()) {
            throw new IllegalArgumentException("IPv6 source matched both exactly and by subnet");
        }
        if (arpSpa.isPresent() && arpSpaNet.isPresent()) {
            throw new IllegalArgumentException("ARP sender address matched both exactly and by subnet");
        }
        if ((ipv4Src.isPresent() || ipv4Dst.isPresent()) && ethType.orElse(0) != ETH_TYPE_IPV4) {
            throw new IllegalArgumentException("IPv4 match without eth_type 0x0800");
        }
        if ((ipv6Src.isPresent() || ipv6SrcNet.isPresent() || ipv6Dst.isPresent())
                && ethType.orElse(0) != ETH_TYPE_IPV6) {
            throw new IllegalArgumentException("IPv6 match without eth_type 0x86dd");
        }
        if (ipProto.isPresent() && ethType.orElse(0) != ETH_TYPE_IPV4 && ethType.orElse(0) != ETH_TYPE_IPV6) {
            throw new IllegalArgumentException("IP protocol match without an IP eth_type");
        }
        if ((icmpv6Type.isPresent() || icmpv6Code.isPresent()) && (ethType.orElse(0) != ETH_TYPE_IPV6
                || ipProto.orElse(0) != IP_PROTO_ICMPV6)) {
            throw new IllegalArgumentException("ICMPv6 match without eth_type 0x86dd and ip_proto 58");
        }
        if (ndTarget.isPresent() && icmpv6Type.orElse(0) != ND_SOLICITATION
                && icmpv6Type.orElse(0) != ND_ADVERTISEMENT) {
            throw new IllegalArgumentException("nd_target match without icmpv6_type 135 or 136");
        }
        if ((arpOp.isPresent() || arpSpa.isPresent() || arpSpaNet.isPresent() || arpTpa.isPresent())
                && ethType.orElse(0) != ETH_TYPE_ARP) {
            throw new IllegalArgumentException("ARP match without eth_type 0x0806");
        }
    }

    /**
     * Starts a match.
     *
     * @return a builder with every field a wildcard
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        final StringJoiner sj = new StringJoiner(",", "[", "]");
        inPort.ifPresent(value -> sj.add("in_port=" + value));
        ethSrc.ifPresent(value -> sj.add("eth_src=" + value));
        ethType.ifPresent(value -> sj.add("eth_type=0x" + Integer.toHexString(value)));
        ipv4Src.ifPresent(value -> sj.add("ipv4_src=" + value));
        ipv4Dst.ifPresent(value -> sj.add("ipv4_dst=" + value));
        arpOp.ifPresent(value -> sj.add("arp_op=" + value));
        arpSpa.ifPresent(value -> sj.add("arp_spa=" + value));
        arpSpaNet.ifPresent(value -> sj.add("arp_spa=" + value));
        arpTpa.ifPresent(value -> sj.add("arp_tpa=" + value));
        ipv6Src.ifPresent(value -> sj.add("ipv6_src=" + value));
        ipv6SrcNet.ifPresent(value -> sj.add("ipv6_src=" + value));
        ipv6Dst.ifPresent(value -> sj.add("ipv6_dst=" + value));
        ipProto.ifPresent(value -> sj.add("ip_proto=" + value));
        icmpv6Type.ifPresent(value -> sj.add("icmpv6_type=" + value));
        icmpv6Code.ifPresent(value -> sj.add("icmpv6_code=" + value));
        ndTarget.ifPresent(value -> sj.add("nd_target=" + value));
        metadata.ifPresent(value -> sj.add("metadata=" + value));
        return sj.toString();
    }

    /**
     * Builds a {@link FlowMatch}.
     */
    public static final class Builder {
        private OptionalLong inPort = OptionalLong.empty();
        private OptionalInt ethType = OptionalInt.empty();
        private Optional<Ipv4> ipv4Src = Optional.empty();
        private Optional<Ipv4> ipv4Dst = Optional.empty();
        private OptionalInt arpOp = OptionalInt.empty();
        private Optional<Ipv4> arpSpa = Optional.empty();
        private Optional<Ipv4> arpTpa = Optional.empty();
        private Optional<Ipv6> ipv6Src = Optional.empty();
        private Optional<Ipv6> ipv6Dst = Optional.empty();
        private OptionalInt ipProto = OptionalInt.empty();
        private OptionalInt icmpv6Type = OptionalInt.empty();
        private OptionalInt icmpv6Code = OptionalInt.empty();
        private Optional<Ipv6> ndTarget = Optional.empty();
        private Optional<MetadataMatch> metadata = Optional.empty();
        private Optional<Mac> ethSrc = Optional.empty();
        private Optional<Ipv4Prefix> arpSpaNet = Optional.empty();
        private Optional<Ipv6Prefix> ipv6SrcNet = Optional.empty();

        private Builder() {
            // use FlowMatch.builder()
        }

        /**
         * Matches the ingress port.
         *
         * @param port the port
         * @return this builder
         */
        public Builder inPort(final long port) {
            inPort = OptionalLong.of(port);
            return this;
        }

        /**
         * Matches IPv4 packets.
         *
         * @return this builder
         */
        public Builder ipv4() {
            ethType = OptionalInt.of(ETH_TYPE_IPV4);
            return this;
        }

        /**
         * Matches IPv6 packets.
         *
         * @return this builder
         */
        public Builder ipv6() {
            ethType = OptionalInt.of(ETH_TYPE_IPV6);
            return this;
        }

        /**
         * Matches the source address of either family, and the family's Ethernet type.
         *
         * @param address the address
         * @return this builder
         */
        public Builder ipSrc(final IpAddress address) {
            return switch (address) {
                case Ipv4 ipv4 -> ipv4().ipv4Src(ipv4);
                case Ipv6 ipv6 -> ipv6().ipv6Src(ipv6);
            };
        }

        /**
         * Matches the destination address of either family, and the family's Ethernet type.
         *
         * @param address the address
         * @return this builder
         */
        public Builder ipDst(final IpAddress address) {
            return switch (address) {
                case Ipv4 ipv4 -> ipv4().ipv4Dst(ipv4);
                case Ipv6 ipv6 -> ipv6().ipv6Dst(ipv6);
            };
        }

        /**
         * Matches the IPv6 source address.
         *
         * @param address the address
         * @return this builder
         */
        public Builder ipv6Src(final Ipv6 address) {
            ipv6Src = Optional.of(address);
            return this;
        }

        /**
         * Matches the IPv6 destination address.
         *
         * @param address the address
         * @return this builder
         */
        public Builder ipv6Dst(final Ipv6 address) {
            ipv6Dst = Optional.of(address);
            return this;
        }

        /**
         * Matches Neighbor Solicitations (IPv6, ICMPv6 type 135, code 0) for a target address.
         *
         * @param target the target address
         * @return this builder
         */
        public Builder neighborSolicitation(final Ipv6 target) {
            ethType = OptionalInt.of(ETH_TYPE_IPV6);
            ipProto = OptionalInt.of(IP_PROTO_ICMPV6);
            icmpv6Type = OptionalInt.of(ND_SOLICITATION);
            icmpv6Code = OptionalInt.of(0);
            ndTarget = Optional.of(target);
            return this;
        }

        /**
         * Matches Neighbor Advertisements (ICMPv6 type 136, code 0), whatever their target.
         *
         * @return this builder
         */
        public Builder neighborAdvertisement() {
            ethType = OptionalInt.of(ETH_TYPE_IPV6);
            ipProto = OptionalInt.of(IP_PROTO_ICMPV6);
            icmpv6Type = OptionalInt.of(ND_ADVERTISEMENT);
            icmpv6Code = OptionalInt.of(0);
            return this;
        }

        /**
         * Matches IPv6 packets whose source address lies in a subnet.
         *
         * @param subnet the subnet
         * @return this builder
         */
        public Builder ipv6SrcIn(final Ipv6Prefix subnet) {
            ipv6SrcNet = Optional.of(subnet);
            return this;
        }

        /**
         * Matches the Ethernet source address.
         *
         * @param mac the address
         * @return this builder
         */
        public Builder ethSrc(final Mac mac) {
            ethSrc = Optional.of(mac);
            return this;
        }

        /**
         * Matches ARP packets whose sender protocol address lies in a subnet.
         *
         * @param subnet the subnet
         * @return this builder
         */
        public Builder arpSpaIn(final Ipv4Prefix subnet) {
            arpSpaNet = Optional.of(subnet);
            return this;
        }

        /**
         * Matches ARP packets.
         *
         * @return this builder
         */
        public Builder arp() {
            ethType = OptionalInt.of(ETH_TYPE_ARP);
            return this;
        }

        /**
         * Matches the IPv4 source address.
         *
         * @param address the address
         * @return this builder
         */
        public Builder ipv4Src(final Ipv4 address) {
            ipv4Src = Optional.of(address);
            return this;
        }

        /**
         * Matches the IPv4 destination address.
         *
         * @param address the address
         * @return this builder
         */
        public Builder ipv4Dst(final Ipv4 address) {
            ipv4Dst = Optional.of(address);
            return this;
        }

        /**
         * Matches the ARP opcode.
         *
         * @param op the opcode
         * @return this builder
         */
        public Builder arpOp(final int op) {
            arpOp = OptionalInt.of(op);
            return this;
        }

        /**
         * Matches the ARP sender protocol address.
         *
         * @param address the address
         * @return this builder
         */
        public Builder arpSpa(final Ipv4 address) {
            arpSpa = Optional.of(address);
            return this;
        }

        /**
         * Matches the ARP target protocol address.
         *
         * @param address the address
         * @return this builder
         */
        public Builder arpTpa(final Ipv4 address) {
            arpTpa = Optional.of(address);
            return this;
        }

        /**
         * Matches the metadata under a mask.
         *
         * @param value the value
         * @param mask the mask
         * @return this builder
         */
        public Builder metadata(final long value, final long mask) {
            metadata = Optional.of(new MetadataMatch(value, mask));
            return this;
        }

        /**
         * Builds the match.
         *
         * @return the match
         */
        public FlowMatch build() {
            return new FlowMatch(inPort, ethType, ipv4Src, ipv4Dst, arpOp, arpSpa, arpTpa, ipv6Src, ipv6Dst,
                ipProto, icmpv6Type, icmpv6Code, ndTarget, metadata, ethSrc, arpSpaNet, ipv6SrcNet);
        }
    }
}
