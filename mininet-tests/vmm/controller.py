"""The controller under test: the VM Mobility Karaf distribution.

Two modes:
  * local (default): copy the distribution tarball to a private temp dir, extract it there, write
    etc/org.opendaylight.vmmobility.cfg, `bin/start`, wait (bounded) for RESTCONF and port 6653,
    and at the end `bin/stop`, then kill the Karaf java pid if it is still alive after a bound.
    The whole lifetime of that Karaf holds an exclusive flock on /tmp/vmm-karaf.lock (only one
    Karaf may run on the machine: ports 8181, 6653, 8101).
  * external: env VMM_CONTROLLER_URL (e.g. http://127.0.0.1:8181) names a controller someone
    else runs; nothing is started or stopped. Env VMM_KARAF_HOME, when set, enables bin/client
    commands and the log tail against that installation.

Environment:
  VMM_KARAF_TARBALL  the distribution (default <repo>/karaf/target/vmmobility-karaf-0.1.0-SNAPSHOT.tar.gz,
                     <repo> being the repository this file is in; else the last <repo>/karaf/target/*.tar.gz
                     by name)
  JAVA_HOME          default /usr/lib/jvm/temurin-25-jdk-amd64
  VMM_KEEP_KARAF     when set, the extracted directory is kept after stop (for post-mortems)
  VMM_LOCK_TIMEOUT   seconds to wait for /tmp/vmm-karaf.lock and free ports (default 1200)
"""

import fcntl
import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

from vmm.restconf import RestconfClient
from vmm.util import LOG, pid_alive, run_rc, tail, wait_until

ANSI = re.compile(r'\x1b\[[0-9;]*[A-Za-z]')
LOCK_PATH = '/tmp/vmm-karaf.lock'
DEFAULT_JAVA_HOME = '/usr/lib/jvm/temurin-25-jdk-amd64'
PORTS = (8181, 6653, 8101)
READY_TIMEOUT = 180
BOOT_HANG_SECONDS = 90
STOP_TIMEOUT = 60
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_TARBALL = os.path.join(REPO, 'karaf', 'target', 'vmmobility-karaf-0.1.0-SNAPSHOT.tar.gz')

APP_CONFIG = {
    'install-default-forwarding': 'true',
}


class ControllerError(RuntimeError):
    """The controller could not be started or does not answer."""


def port_listening(port, host='127.0.0.1'):
    """Does something accept TCP connections on host:port?"""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(1)
    try:
        return sock.connect_ex((host, port)) == 0
    finally:
        sock.close()


def find_tarball():
    """The distribution tarball to test (None when there is none yet)."""
    path = os.environ.get('VMM_KARAF_TARBALL') or DEFAULT_TARBALL
    if os.path.exists(path):
        return path
    candidates = sorted(glob.glob(os.path.join(REPO, 'karaf', 'target', '*.tar.gz')))
    return candidates[-1] if candidates else None


def _stable_tarball(settle=5.0):
    """The tarball's path once it exists and its size and mtime stay unchanged for `settle`
    seconds (a build may be writing it), else None."""
    path = find_tarball()
    if not path:
        LOG.info('no distribution tarball yet (%s); waiting', DEFAULT_TARBALL)
        return None
    try:
        first = os.stat(path)
        time.sleep(settle)
        second = os.stat(path)
    except OSError:
        return None
    if (first.st_size, first.st_mtime) != (second.st_size, second.st_mtime):
        return None
    return path


class KarafLock:
    """Exclusive flock on /tmp/vmm-karaf.lock, held for the lifetime of a Karaf we start."""

    def __init__(self, path=LOCK_PATH):
        self.path = path
        self.handle = None

    def acquire(self, timeout):
        self.handle = open(self.path, 'a+')
        deadline = time.monotonic() + timeout
        announced = False
        while True:
            try:
                fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self.handle.close()
                    self.handle = None
                    raise ControllerError('%s is held by another process for more than %ss'
                                          % (self.path, timeout))
                if not announced:
                    LOG.warning('waiting for %s (another Karaf is running)', self.path)
                    announced = True
                time.sleep(2)

    def release(self):
        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


class Controller:
    """A Karaf distribution we run (local) or one that runs already (external)."""

    def __init__(self, tarball=None, url=None, karaf_home=None, app_config=None):
        self.url = (url or os.environ.get('VMM_CONTROLLER_URL') or '').rstrip('/')
        self.external = bool(self.url)
        if not self.url:
            self.url = 'http://127.0.0.1:8181'
        self.tarball = tarball
        self.app_config = dict(APP_CONFIG, **(app_config or {}))
        self.home = karaf_home or os.environ.get('VMM_KARAF_HOME')
        self.workdir = None
        self.lock = KarafLock()
        self.java_pid = None
        self.started = False
        self.restconf = RestconfClient(self.url)
        self.start_seconds = None
        self.boot_retries = 0

    # ---- paths ----

    @property
    def log_path(self):
        """The Karaf log (data/log/karaf.log) of the installation, if known."""
        if not self.home:
            return None
        return os.path.join(self.home, 'data', 'log', 'karaf.log')

    def log_tail(self, lines=80):
        path = self.log_path
        if not path:
            return '(controller log unknown: external controller without VMM_KARAF_HOME)'
        text = tail(path, lines) or '(%s is empty or missing)' % path
        console = self.console_path
        if console and os.path.exists(console) and os.path.getsize(console):
            text += '\n--- JVM console (%s):\n%s' % (console, tail(console, 20))
        return text

    def log_text(self):
        """The whole current karaf.log ('' when unknown)."""
        path = self.log_path
        if not path or not os.path.exists(path):
            return ''
        with open(path, 'rb') as handle:
            return handle.read().decode('utf-8', 'replace')

    def env(self):
        env = dict(os.environ)
        env.setdefault('JAVA_HOME', DEFAULT_JAVA_HOME)
        if self.console_path:
            env['KARAF_REDIRECT'] = self.console_path
        env['PATH'] = os.path.join(env['JAVA_HOME'], 'bin') + os.pathsep + env.get('PATH', '')
        return env

    # ---- lifecycle ----

    def start(self):
        """Start (local mode) and wait until RESTCONF answers 200 and 6653 listens."""
        if self.external:
            LOG.info('using external controller %s', self.url)
            self.wait_ready(READY_TIMEOUT)
            return
        lock_timeout = float(os.environ.get('VMM_LOCK_TIMEOUT', '1200'))
        self.lock.acquire(lock_timeout)
        try:
            busy = lambda: [p for p in PORTS if port_listening(p)]
            if busy():
                LOG.warning('ports %s are in use by a Karaf that holds no lock; waiting', busy())
                wait_until(lambda: not busy(), lock_timeout, interval=2,
                           what='ports %s to be free (another controller runs)' % (PORTS,))
            self._extract()
            self._configure()
            self.boot(READY_TIMEOUT)
            LOG.info('Karaf up in %.1fs (pid %s) at %s', self.start_seconds, self.java_pid,
                     self.home)
        except BaseException:
            self.stop()
            raise

    def boot(self, timeout):
        """bin/start on the installation and wait (bounded) until RESTCONF answers 200 and 6653
        listens; sets start_seconds and java_pid.

        A boot that hangs (the JVM runs but RESTCONF never answers 200 within BOOT_HANG_SECONDS;
        seen once in about 40 restarts of this platform: AAA's encryption service never
        activated, RESTCONF answered 401 for good) is diagnosed and retried once: the JVM's
        threads are saved next to the kept logs, the JVM is ended by pid and started again.
        """
        began = time.monotonic()
        for attempt in (1, 2):
            code, out, err = run_rc([os.path.join(self.home, 'bin', 'start')], timeout=60,
                                    env=self.env(), cwd=self.home)
            if code != 0:
                raise ControllerError('bin/start failed (%d): %s %s' % (code, out, err))
            self.started = True
            if attempt == 2:
                self.wait_ready(max(timeout - (time.monotonic() - began), BOOT_HANG_SECONDS))
                break
            try:
                self.wait_ready(min(timeout, BOOT_HANG_SECONDS))
                break
            except ControllerError as exc:
                if not self._read_pid():
                    raise
                dump = self.save_threads('boot-hang')
                LOG.warning('Karaf boot hung (%s); threads saved at %s; ending it and starting '
                            'it once more', str(exc).splitlines()[0], dump)
                self.boot_retries += 1
                self.stop_jvm(grace=10)
        self.start_seconds = time.monotonic() - began
        self.java_pid = self._read_pid()

    def stop_jvm(self, timeout=STOP_TIMEOUT, grace=None):
        """bin/stop, wait (bounded) for the Karaf JVM to exit, then SIGTERM and SIGKILL it by pid.
        With grace, bin/stop is given only that long before the signals. Returns seconds taken."""
        began = time.monotonic()
        pid = self._read_pid() or self.java_pid
        code, out, err = run_rc([os.path.join(self.home, 'bin', 'stop')], timeout=timeout,
                                env=self.env(), cwd=self.home)
        if code != 0:
            LOG.warning('bin/stop exited %d: %s %s', code, out, err)
        if pid:
            waits = ((None, grace or timeout), (signal.SIGTERM, 15), (signal.SIGKILL, 15))
            for sig, bound in waits:
                if sig is not None:
                    LOG.warning('Karaf pid %d still alive; sending %s', pid, sig.name)
                    try:
                        os.kill(pid, sig)
                    except OSError:
                        break
                try:
                    wait_until(lambda: not pid_alive(pid), bound, interval=0.25,
                               what='Karaf pid %d to exit' % pid)
                    break
                except AssertionError:
                    continue
        self.java_pid = None
        return time.monotonic() - began

    def save_threads(self, label):
        """jcmd Thread.print of the Karaf JVM into the log directory; returns the path or None."""
        pid = self._read_pid() or self.java_pid
        if not pid:
            return None
        dest_dir = os.environ.get('VMM_LOG_DIR', '/tmp/vmm-test-logs')
        os.makedirs(dest_dir, exist_ok=True)
        dest = os.path.join(dest_dir, 'threads-%s-%s.txt' % (label, time.strftime('%Y%m%d-%H%M%S')))
        jcmd = os.path.join(self.env()['JAVA_HOME'], 'bin', 'jcmd')
        code, out, err = run_rc([jcmd, str(pid), 'Thread.print', '-l'], timeout=60)
        with open(dest, 'w') as handle:
            handle.write(out if code == 0 else 'jcmd failed (%d): %s %s' % (code, out, err))
        return dest

    def _extract(self):
        """Copy the tarball privately (it is deleted and rebuilt at times) and extract it.

        Waits (bounded, VMM_TARBALL_WAIT seconds, default 900) for the tarball to exist and stay
        unchanged for 5 s; retries once when the copy turns out truncated.
        """
        wait = float(os.environ.get('VMM_TARBALL_WAIT', '900'))
        self.workdir = tempfile.mkdtemp(prefix='vmm-karaf-')
        for attempt in (1, 2):
            tarball = self.tarball or wait_until(_stable_tarball, wait, interval=1,
                                                 what='a complete distribution tarball')
            private = os.path.join(self.workdir, os.path.basename(tarball))
            shutil.copyfile(tarball, private)
            code, out, err = run_rc(['tar', 'xzf', private, '-C', self.workdir], timeout=300)
            os.unlink(private)
            if code == 0:
                break
            LOG.warning('extracting %s failed (attempt %d): %s %s', tarball, attempt, out, err)
            for entry in os.listdir(self.workdir):
                shutil.rmtree(os.path.join(self.workdir, entry), ignore_errors=True)
        else:
            raise ControllerError('cannot extract the distribution: %s' % err)
        homes = [d for d in glob.glob(os.path.join(self.workdir, '*'))
                 if os.path.exists(os.path.join(d, 'bin', 'start'))]
        if len(homes) != 1:
            raise ControllerError('no single Karaf home in %s: %s' % (self.workdir, homes))
        self.home = homes[0]
        LOG.info('extracted %s (%s) to %s', tarball, time.ctime(os.path.getmtime(tarball))
                 if os.path.exists(tarball) else 'since deleted', self.home)

    def _configure(self):
        cfg = os.path.join(self.home, 'etc', 'org.opendaylight.vmmobility.cfg')
        with open(cfg, 'w') as handle:
            for key, value in sorted(self.app_config.items()):
                handle.write('%s=%s\n' % (key, value))
        # experiments only: openflowplugin settings for this installation (VMM_OFP_CONFIG='key=value,key=value')
        ofp = os.environ.get('VMM_OFP_CONFIG', '').strip()
        if ofp:
            with open(os.path.join(self.home, 'etc', 'org.opendaylight.openflowplugin.cfg'), 'w') as handle:
                for pair in ofp.split(','):
                    handle.write(pair.strip() + '\n')
            LOG.info('openflowplugin settings of this installation: %s', ofp)
        # diagnosis only: log levels (VMM_LOG_LEVELS='logger=LEVEL,logger=LEVEL')
        levels = os.environ.get('VMM_LOG_LEVELS', '').strip()
        if levels:
            with open(os.path.join(self.home, 'etc', 'org.ops4j.pax.logging.cfg'), 'a') as handle:
                for index, pair in enumerate(levels.split(',')):
                    logger, level = pair.strip().split('=')
                    handle.write('\nlog4j2.logger.vmmdiag%d.name = %s\nlog4j2.logger.vmmdiag%d.level = %s\n'
                                 % (index, logger, index, level))
            LOG.info('log levels of this installation: %s', levels)

    def _read_pid(self):
        """The Karaf java pid: karaf.pid, else a live process whose command line names our home."""
        if not self.home:
            return None
        try:
            with open(os.path.join(self.home, 'karaf.pid')) as handle:
                pid = int(handle.read().strip())
                if pid_alive(pid):
                    return pid
        except (OSError, ValueError):
            pass
        return self._find_java()

    def _find_java(self):
        """A live java process whose command line contains our private Karaf home."""
        marker = self.home.encode()
        for entry in os.listdir('/proc'):
            if not entry.isdigit():
                continue
            try:
                with open('/proc/%s/cmdline' % entry, 'rb') as handle:
                    cmdline = handle.read()
            except OSError:
                continue
            if marker in cmdline and b'java' in cmdline.split(b'\0')[0]:
                pid = int(entry)
                if pid_alive(pid):
                    return pid
        return None

    @property
    def console_path(self):
        """stdout/stderr of the Karaf JVM (KARAF_REDIRECT), where JVM start errors land."""
        return os.path.join(self.workdir, 'karaf-console.log') if self.workdir else None

    def wait_ready(self, timeout):
        """Bounded wait for RESTCONF 200 on network-topology and a listener on 6653."""
        path = '/rests/data/network-topology:network-topology'
        last = {}

        began = time.monotonic()

        def ready():
            if self.started and not self.external:
                pid = self._read_pid()
                if pid:
                    self.java_pid = pid
                elif self.java_pid or time.monotonic() - began > 20:
                    raise ControllerError('Karaf JVM is not running (died during start); '
                                          'log tail:\n%s' % self.log_tail())
            status, body = self.restconf.get(path)
            last['restconf'] = (status, str(body)[:200])
            last['6653'] = port_listening(6653)
            return status == 200 and last['6653']

        try:
            wait_until(ready, timeout, interval=1, what='RESTCONF 200 and port 6653',
                       describe=lambda _: 'last seen: %s\nlog tail:\n%s' % (last,
                                                                             self.log_tail(40)))
        except AssertionError as exc:
            raise ControllerError(str(exc)) from None

    def stop(self):
        """bin/stop, then kill the java pid if it is still alive after a bound; release lock."""
        try:
            if self.started and self.home:
                self.stop_jvm()
                self.started = False
            if self.workdir and not os.environ.get('VMM_KEEP_KARAF'):
                saved = self._save_log()
                shutil.rmtree(self.workdir, ignore_errors=True)
                self.workdir = None
                if saved:
                    LOG.info('controller log kept at %s', saved)
        finally:
            if not self.external:
                self.lock.release()

    def _save_log(self):
        """Keep the karaf.log outside the deleted work dir (for CI artefacts)."""
        path = self.log_path
        if not path or not os.path.exists(path):
            return None
        dest_dir = os.environ.get('VMM_LOG_DIR', '/tmp/vmm-test-logs')
        os.makedirs(dest_dir, exist_ok=True)
        dest = os.path.join(dest_dir, 'karaf-%s.log' % time.strftime('%Y%m%d-%H%M%S'))
        shutil.copyfile(path, dest)
        self.home = None
        return dest

    # ---- Karaf shell ----

    def client(self, command, timeout=60):
        """Run one Karaf shell command through bin/client; returns (returncode, output).

        bin/client prints nothing when its stdin is closed, so stdin is a pipe from a `sleep`
        process that we start and end ourselves.
        """
        if not self.home:
            raise ControllerError('bin/client needs a local Karaf (or VMM_KARAF_HOME)')
        sleeper = subprocess.Popen(['sleep', str(int(timeout) + 5)], stdout=subprocess.PIPE)
        try:
            proc = subprocess.run([os.path.join(self.home, 'bin', 'client'), '-r', '5', '-d', '2',
                                   command], stdin=sleeper.stdout, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, universal_newlines=True,
                                  timeout=timeout, env=self.env(), cwd=self.home, check=False)
            out = ANSI.sub('', proc.stdout)
            if proc.returncode != 0:
                out += '\n(stderr) ' + ANSI.sub('', proc.stderr)
            return proc.returncode, out
        except subprocess.TimeoutExpired as exc:
            out = exc.stdout or ''
            if isinstance(out, bytes):
                out = out.decode('utf-8', 'replace')
            return 124, ANSI.sub('', out) + '\n(bin/client timed out after %ss)' % timeout
        finally:
            sleeper.kill()
            sleeper.wait()
            sleeper.stdout.close()


def main(argv):
    """`python3 -m vmm.controller serve`: start Karaf (holding the lock) and keep it running
    until SIGTERM/SIGINT; prints the env to point tests at it (development aid)."""
    import logging
    import sys
    logging.basicConfig(level=logging.INFO, format='%(asctime)s %(levelname)s %(message)s')
    if len(argv) < 2 or argv[1] != 'serve':
        sys.stderr.write(main.__doc__ + '\n')
        return 2
    ctl = Controller()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    ctl.start()
    try:
        print('export VMM_CONTROLLER_URL=%s VMM_KARAF_HOME=%s' % (ctl.url, ctl.home), flush=True)
        signal.pause()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        ctl.stop()
    return 0


if __name__ == '__main__':
    import sys
    sys.exit(main(sys.argv))
