"""Process-wide resources shared by every test class of one run.

The first test that needs them starts OVS (if it does not run) and the controller (once per
process); both are stopped at interpreter exit, SIGTERM and SIGINT included. A controller that
failed to start is not retried: every later test fails at once with the same error.
"""

import atexit
import logging
import os
import signal
import sys

from vmm import ovs
from vmm.controller import Controller
from vmm.util import LOG

_STATE = {'controller': None, 'error': None, 'ovs_started': None, 'networks': []}


def _setup_logging():
    if not logging.getLogger().handlers:
        logging.basicConfig(level=os.environ.get('VMM_LOG_LEVEL', 'INFO'),
                            format='%(asctime)s %(levelname)s %(name)s: %(message)s',
                            stream=sys.stderr)


def _on_signal(signum, _frame):
    """SIGTERM: stop the whole run. unittest records SystemExit raised inside a test as that
    test's error and carries on; KeyboardInterrupt it lets through, and atexit cleans up."""
    LOG.warning('signal %d: stopping the run and cleaning up', signum)
    raise KeyboardInterrupt('signal %d' % signum)


def ensure_ovs():
    """OVS packages present and daemons running, checked before every network: someone else's
    run may have stopped daemons it started. Daemons we start are stopped at exit."""
    _setup_logging()
    if _STATE['ovs_started'] is None:
        ovs.ensure_packages()
        _STATE['ovs_started'] = {}
    if ovs.is_running():
        return
    started = ovs.start()
    if started:
        _STATE['ovs_started'].update(started)
        atexit.register(ovs.stop, started)


def controller():
    """The shared controller, started on first use (raises its start error on every call)."""
    if _STATE['error'] is not None:
        raise _STATE['error']
    if _STATE['controller'] is None:
        _setup_logging()
        signal.signal(signal.SIGTERM, _on_signal)
        ctl = Controller()
        atexit.register(_shutdown)
        try:
            ctl.start()
        except BaseException as exc:
            _STATE['error'] = exc
            raise
        _STATE['controller'] = ctl
    return _STATE['controller']


def restart_controller():
    """Stops the shared controller and starts a fresh one from the same distribution (a new installation): for a
    figure that nothing measured before it may have warmed, the JVM's compiled code included."""
    ctl = _STATE['controller']
    if ctl is not None:
        LOG.info('restarting the controller: stopping it')
        ctl.stop()
        _STATE['controller'] = None
    return controller()


def register_network(network):
    _STATE['networks'].append(network)


def unregister_network(network):
    if network in _STATE['networks']:
        _STATE['networks'].remove(network)


def _shutdown():
    """atexit: networks first (switches must not outlive their controller's run), then Karaf."""
    for network in list(_STATE['networks']):
        try:
            network.stop()
        except Exception as exc:  # pylint: disable=broad-except
            LOG.warning('network stop at exit failed: %s', exc)
    _STATE['networks'] = []
    ctl = _STATE['controller']
    if ctl is not None:
        LOG.info('stopping controller')
        ctl.stop()
        _STATE['controller'] = None
