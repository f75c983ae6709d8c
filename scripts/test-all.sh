#!/bin/bash
# Runs every test (README, command 2): the Maven build with unit tests, checkstyle and spotbugs, then the
# system tests in Mininet against the freshly built Karaf distribution (mininet-tests/run.sh installs the
# Debian packages and starts Open vSwitch as needed). Needs root (Mininet, OVS).
set -eu
TOP="$(cd "$(dirname "$0")/.." && pwd)"
. "$TOP/scripts/jdk.sh"
echo "== Maven build and unit tests (JAVA_HOME=$JAVA_HOME)"
start=$(date +%s)
(cd "$TOP" && ./mvnw -B clean install)
echo "== Maven build finished in $(( $(date +%s) - start )) s"
echo "== System tests (Mininet, Open vSwitch, the real distribution)"
bash "$TOP/mininet-tests/run.sh"
