"""A real libvirt for a test: Debian's libvirt-daemon-system and qemu-system-x86 (QEMU with TCG, no KVM here),
virtlogd and libvirtd started by hand (no systemd) with the VM Mobility qemu hook installed, and everything the
test made taken away again: the domains it created (by name), the hook and its files (what was there before is put
back), libvirt's default network if libvirtd started it, and the daemons it started (by pid)."""

import os
import signal

from vmm.util import LOG, ensure_debian_packages, pid_alive, run, run_rc, wait_until

PACKAGES = ['libvirt-daemon-system', 'libvirt-clients', 'qemu-system-x86']
PROBES = ('/usr/sbin/libvirtd', '/usr/sbin/virtlogd', '/usr/bin/virsh', '/usr/bin/qemu-system-x86_64')
URI = 'qemu:///system'
HOOK_DIR = '/etc/libvirt/hooks'
HOOK = os.path.join(HOOK_DIR, 'qemu')
HOOK_CONF = '/etc/vmmobility'
# the hook's default log (libvirtd gives hooks no environment of ours)
HOOK_LOG = '/var/log/vmmobility-hook.log'
PIDS = {'virtlogd': '/run/virtlogd.pid', 'libvirtd': '/run/libvirtd.pid'}

# the domains the tests start here, and the XML the hook tests hand the hook as libvirt would: one interface on an
# Open vSwitch bridge (what integrations/libvirt/qemu reads)
DOMAIN_XML = """<domain type='qemu'>
  <name>%(name)s</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    <interface type='bridge'>
      <mac address='%(mac)s'/>
      <source bridge='%(bridge)s'/>
      <virtualport type='openvswitch'/>
      <target dev='%(dev)s'/>
      <model type='e1000'/>
    </interface>
  </devices>
</domain>
"""


def domain_xml(name, mac, bridge, dev):
    """A 64 MiB diskless domain with one e1000 interface on an OVS bridge (virtualport openvswitch)."""
    return DOMAIN_XML % {'name': name, 'mac': mac, 'bridge': bridge, 'dev': dev}


def ensure_packages():
    """Install libvirt and QEMU (without recommended packages) when missing."""
    ensure_debian_packages(PACKAGES, PROBES)


def _pid(name):
    try:
        with open(PIDS[name]) as handle:
            pid = int(handle.read().strip())
    except (OSError, ValueError):
        return None
    return pid if pid_alive(pid) else None


class Libvirt:
    """libvirtd with the hook, for one test: start(), define what the hook needs, create domains, close()."""

    def __init__(self, hook_source, hook_map, hook_env):
        self.hook_source = hook_source
        self.hook_map = hook_map
        self.hook_env = hook_env
        self.saved = {}
        self.started = []
        self.domains = []
        self.network_started = False

    def _save(self, path):
        if os.path.lexists(path):
            backup = path + '.vmm-test-saved'
            os.rename(path, backup)
            self.saved[path] = backup
        else:
            self.saved[path] = None

    def start(self):
        for name in PIDS:
            if _pid(name) is not None:
                raise RuntimeError('%s already runs here (pid %d): not ours to restart with a hook'
                                   % (name, _pid(name)))
        os.makedirs(HOOK_DIR, exist_ok=True)
        os.makedirs(HOOK_CONF, exist_ok=True)
        for path in (HOOK, os.path.join(HOOK_CONF, 'hook.map'), os.path.join(HOOK_CONF, 'hook.env'), HOOK_LOG):
            self._save(path)
        os.symlink(self.hook_source, HOOK)
        with open(os.path.join(HOOK_CONF, 'hook.map'), 'w') as handle:
            handle.write(self.hook_map)
        with open(os.path.join(HOOK_CONF, 'hook.env'), 'w') as handle:
            handle.write(self.hook_env)
        for name in ('virtlogd', 'libvirtd'):
            run(['/usr/sbin/' + name, '-d'], timeout=30)
            pid = wait_until(lambda n=name: _pid(n), 20, interval=0.2, what='%s to start' % name)
            self.started.append((name, pid))
        wait_until(lambda: run_rc(['virsh', '-c', URI, 'version'], timeout=15)[0] == 0, 30, interval=0.5,
                   what='libvirtd to answer')
        # libvirtd autostarts its default network (a bridge and dnsmasq) if configured: not ours to keep
        code, out, _ = run_rc(['virsh', '-c', URI, 'net-list', '--name'], timeout=15)
        self.network_started = code == 0 and 'default' in out.split()

    def create(self, name, mac, bridge, dev):
        """Starts a transient domain with one interface on an OVS bridge; libvirt creates the tap."""
        path = os.path.join('/tmp', '%s.xml' % name)
        with open(path, 'w') as handle:
            handle.write(domain_xml(name, mac, bridge, dev))
        self.domains.append(name)
        code, out, err = run_rc(['virsh', '-c', URI, 'create', path], timeout=60)
        os.unlink(path)
        if code != 0:
            raise RuntimeError('virsh create %s: %s %s' % (name, out, err))

    @staticmethod
    def hook_log():
        try:
            with open(HOOK_LOG) as handle:
                return handle.read()
        except OSError:
            return ''

    def close(self):
        for name in self.domains:
            run_rc(['virsh', '-c', URI, 'destroy', name], timeout=60)
            # the domain's QEMU log (virtlogd's): libvirt keeps it after the domain is gone
            log = '/var/log/libvirt/qemu/%s.log' % name
            if os.path.exists(log):
                os.unlink(log)
        if self.network_started:
            run_rc(['virsh', '-c', URI, 'net-destroy', 'default'], timeout=30)
        for name, pid in reversed(self.started):
            if pid_alive(pid):
                os.kill(pid, signal.SIGTERM)
                try:
                    wait_until(lambda p=pid: not pid_alive(p), 20, interval=0.2, what='%s to stop' % name)
                except Exception:  # noqa: BLE001 - a daemon that ignores SIGTERM is killed
                    os.kill(pid, signal.SIGKILL)
        for path, backup in self.saved.items():
            if os.path.lexists(path):
                os.unlink(path)
            if backup is not None:
                os.rename(backup, path)
        if not os.listdir(HOOK_CONF):
            os.rmdir(HOOK_CONF)
