"""Small helpers shared by the harness: bounded polling and bounded commands."""

import logging
import os
import subprocess
import time

LOG = logging.getLogger('vmm')


class TimeoutExpired(AssertionError):
    """A bounded wait ran out; the message says what was awaited and what was last seen."""


def wait_until(predicate, timeout, interval=0.2, what='condition', describe=None):
    """Poll predicate() until it returns a true value or timeout seconds pass.

    Returns the predicate's last (true) value. On timeout raises TimeoutExpired naming `what`
    and, when given, describe(last_value) (e.g. the flows last seen).
    """
    deadline = time.monotonic() + timeout
    last = None
    while True:
        last = predicate()
        if last:
            return last
        if time.monotonic() >= deadline:
            detail = ''
            if describe is not None:
                try:
                    detail = '\n' + str(describe(last))
                except Exception as exc:  # pylint: disable=broad-except
                    detail = '\n(describe failed: %s)' % exc
            raise TimeoutExpired('timed out after %.1fs waiting for %s%s' % (timeout, what, detail))
        time.sleep(interval)


def run(cmd, timeout=30, check=True, **kwargs):
    """Run a command (list or shell string) in the root namespace with a bound; return stdout."""
    shell = isinstance(cmd, str)
    proc = subprocess.run(cmd, shell=shell, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=timeout, check=False, **kwargs)
    if check and proc.returncode != 0:
        raise RuntimeError('command %r failed (%d): %s%s' % (cmd, proc.returncode, proc.stdout,
                                                            proc.stderr))
    return proc.stdout


def run_rc(cmd, timeout=30, **kwargs):
    """Run a command with a bound; return (returncode, stdout, stderr)."""
    shell = isinstance(cmd, str)
    try:
        proc = subprocess.run(cmd, shell=shell, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, timeout=timeout, check=False, **kwargs)
    except FileNotFoundError as exc:
        return 127, '', str(exc)
    except subprocess.TimeoutExpired as exc:
        return 124, exc.stdout or '', 'timed out after %ss' % timeout
    return proc.returncode, proc.stdout, proc.stderr


def pid_alive(pid):
    """Is a process with this pid alive (and not a zombie)?"""
    try:
        with open('/proc/%d/stat' % pid) as stat:
            fields = stat.read().rsplit(')', 1)[1].split()
        return fields[0] != 'Z'
    except (OSError, IndexError, ValueError):
        return False


def tail(path, lines=80):
    """The last `lines` lines of a text file ('' when it does not exist)."""
    try:
        with open(path, 'rb') as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - 256 * 1024))
            data = handle.read().decode('utf-8', 'replace')
    except OSError:
        return ''
    return '\n'.join(data.splitlines()[-lines:])


def ensure_debian_packages(packages, probes):
    """Install Debian packages (without recommended ones) when one of the probe paths is missing. A package's
    maintainer scripts may not start its service (policy-rc.d answers 101 while installing): the tests start what they
    need themselves, by pid."""
    if all(os.path.exists(probe) for probe in probes):
        return
    LOG.info('installing Debian packages: %s', ' '.join(packages))
    env = dict(os.environ, DEBIAN_FRONTEND='noninteractive')
    policy = '/usr/sbin/policy-rc.d'
    made_policy = not os.path.exists(policy)
    if made_policy:
        with open(policy, 'w') as handle:
            handle.write('#!/bin/sh\n# written by VM Mobility\'s tests while installing packages\nexit 101\n')
        os.chmod(policy, 0o755)
    try:
        # the suite's other packages may all be there already (then nothing refreshed the lists)
        run('apt-get update', timeout=600, env=env)
        run(['apt-get', 'install', '-y', '--no-install-recommends'] + list(packages), timeout=900, env=env)
    finally:
        if made_policy:
            os.remove(policy)
    missing = [probe for probe in probes if not os.path.exists(probe)]
    if missing:
        raise RuntimeError('still missing after apt-get install: %s' % missing)
