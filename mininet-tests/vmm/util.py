"""Small helpers shared by the harness: bounded polling and bounded commands."""

import logging
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
