"""VM Mobility system-test harness: OVS, the Karaf distribution, RESTCONF and Mininet.

Modules:
  ovs         make sure Open vSwitch (userspace datapath) runs; stop only what we started
  controller  the Karaf distribution under test (or an external one via VMM_CONTROLLER_URL)
  restconf    a tiny urllib RESTCONF client
  topology    the Mininet network: switches, a Linux router, hosts, migration
  base        the one base TestCase every system test derives from
  session     process-wide shared resources (OVS, controller), released at exit
"""
