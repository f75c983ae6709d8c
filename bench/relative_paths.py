#!/usr/bin/python3
"""Rewrite result files so that no path of the machine they were measured on remains.

    /usr/bin/python3 bench/relative_paths.py [--repo DIR ...] [--check] [FILE ...]

The benchmarks record a few paths (meta.distribution.tarball; command lines of other processes in
meta.machine.other_processes). Since this script exists, bench/common.save writes them relative to the repository
(home directories as ~) through common.relative_paths. This script applies the same rewrite to files written
before: every occurrence of the repository's location (--repo, default this repository's; give the directory the
files were measured in when it was another) becomes relative to the repository, and /root or /home/<user> becomes
~. Text-level, so the files keep their formatting; a file equal to another before (a *-latest.json and its
timestamped twin) stays equal. Default FILEs: bench/results/*.json. --check changes nothing and exits 1 when a file
still holds such a path.
"""

import argparse
import glob
import os
import sys

import common


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--repo', action='append', default=[],
                        help='a repository location the files were measured in (default: this repository\'s)')
    parser.add_argument('--check', action='store_true', help='only report files that hold such paths')
    parser.add_argument('files', nargs='*')
    args = parser.parse_args()
    repos = args.repo or [common.REPO]
    files = args.files or sorted(glob.glob(os.path.join(common.RESULTS, '*.json')))
    changed = []
    for path in files:
        with open(path) as handle:
            text = handle.read()
        new = text
        for repo in repos:
            new = common.relative_paths(new, repo=os.path.abspath(repo))
        if new != text:
            changed.append(os.path.relpath(path, common.REPO))
            if not args.check:
                with open(path, 'w') as handle:
                    handle.write(new)
    print('%s %d of %d files%s' % ('would rewrite' if args.check else 'rewrote', len(changed), len(files),
                                   ': ' + ', '.join(changed) if changed else ''))
    return 1 if args.check and changed else 0


if __name__ == '__main__':
    sys.exit(main())
