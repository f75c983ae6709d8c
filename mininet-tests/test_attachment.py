"""Issue 11, attachment that follows the VM: a VM that returns home on another port (another
hypervisor) keeps its peers' translations working.

db migrates to subnet 2, then returns to its home address 10.0.1.3 but on s4 (another switch of
its home subnet). The notification answers returned-home and the new attachment becomes db's own;
when web migrates next, db is translated for at its new port: every pair keeps working.
"""

import unittest

from vmm.base import VmmTestCase


class ReturnHomeOnAnotherPortTest(VmmTestCase):
    """web, app and db in shop."""

    def test_back_home_on_another_port_then_a_peer_migrates_and_all_pairs_work(self):
        self.migrate('db', 's2', '10.0.2.3')
        self.wait_phase('db', 'active')
        status, body = self.migrate('db', 's4', '10.0.1.3')
        self.assertEqual('returned-home', body['vm-mobility:output']['outcome'], body)
        status, body = self.restconf.get_config(self.restconf.vm_path('db'))
        self.assertEqual(200, status, body)
        self.assertEqual({'node-id': 'openflow:4', 'port': self.net.ofport('db')},
                         body['vm-mobility:vm'][0]['attachment'])
        self.wait_until_no_config_translation_flows()

        self.migrate('web', 's3', '10.0.3.1')
        self.wait_until_translation_of('web')
        self.wait_phase('web', 'active')
        for src, dst in (('db', '10.0.1.1'), ('app', '10.0.1.1'), ('app', '10.0.1.3'), ('web', '10.0.1.3')):
            self.assert_ping(src, dst)
        view = self.assert_tcp('db', 'web', '10.0.1.1')
        self.assertEqual(('10.0.1.3', '10.0.3.1'), (view['peer'], view['local']))


if __name__ == '__main__':
    unittest.main()
