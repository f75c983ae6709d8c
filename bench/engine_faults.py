#!/usr/bin/python3
"""The engine under injected faults (issue 16): the seeded fault-injection suite of the unit tests, run in its
nightly form, and its figures recorded.

    /usr/bin/python3 bench/engine_faults.py [--runs 2000] [--first-seed 1]

Runs FaultInjectionTest (impl/src/test/.../testing/faults/) through the Maven wrapper, offline, with
-Dvmm.faults.runs, -Dvmm.faults.firstSeed and -Dvmm.faults.report. Each run is one random scenario (VMs, groups,
switches, RPCs and configuration writes) on its own in-memory datastore behind a broker that injects, by seed,
exceptions, hangs, failed and conflicting commits and commits that land late; after the faults stop the flows in
the config inventory must equal a from-scratch plan of the intent within a bound, every fault must have left a
trace (a log line or an RPC error naming it) and the engine's health must be ok again. No controller, no network.

  runs                  scenarios run
  faults_injected       faults injected over all runs
  converged             runs whose flows equal the plan of the intent after the faults stopped
  silent_stalls         runs that did not converge and logged nothing at WARN or ERROR
  failed_seeds          seeds of the runs that failed any check (replay one: -Dvmm.faults.seed=N)
  audit_repaired_seeds  seeds whose engine found, by its periodic audit, flows it had not written, and resynced

Results: bench/results/engine-faults-<stamp>.json and engine-faults-latest.json.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import common  # noqa: E402  pylint: disable=wrong-import-position

REPO = os.path.dirname(HERE)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--runs', type=int, default=2000)
    parser.add_argument('--first-seed', type=int, default=1)
    args = parser.parse_args()
    handle, report = tempfile.mkstemp(prefix='vmm-faults-', suffix='.json')
    os.close(handle)
    java_home = subprocess.run(['bash', '-c', '. scripts/jdk.sh >/dev/null && echo "$JAVA_HOME"'], cwd=REPO,
                               stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout.strip()
    command = ['./mvnw', '-o', '-B', '-q', '-pl', 'impl', 'test', '-Dtest=FaultInjectionTest',
               '-Dsurefire.failIfNoSpecifiedTests=false', '-Dcheckstyle.skip', '-Dspotbugs.skip',
               '-Dvmm.faults.runs=%d' % args.runs, '-Dvmm.faults.firstSeed=%d' % args.first_seed,
               '-Dvmm.faults.report=%s' % report]
    began = time.monotonic()
    proc = subprocess.run(command, cwd=REPO, env=dict(os.environ, JAVA_HOME=java_home), check=False)
    seconds = time.monotonic() - began
    try:
        with open(report) as stream:
            figures = json.load(stream)
    except (OSError, ValueError) as exc:
        print('the suite wrote no report (Maven exit %d): %s' % (proc.returncode, exc), file=sys.stderr)
        return 1
    finally:
        os.unlink(report)
    result = {'meta': common.meta('engine-faults'), 'maven_exit': proc.returncode, 'wall_s': seconds,
              'first_seed': args.first_seed}
    result['meta']['controller'] = 'none: unit-test engine on an in-memory datastore'
    result.update(figures)
    common.banner('engine under injected faults: seeds %d..%d' % (args.first_seed, args.first_seed + args.runs - 1))
    print('runs %d; faults injected %d; converged %d; silent stalls %d; failed seeds %d; repaired by the engine\'s '
          'audit %d; %.0f s' % (figures['runs'], figures['faults_injected'], figures['converged'],
                                figures['silent_stalls'], len(figures['failed_seeds']),
                                len(figures.get('audit_repaired_seeds', [])), seconds), flush=True)
    common.save('engine-faults', result)
    return 0 if proc.returncode == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
