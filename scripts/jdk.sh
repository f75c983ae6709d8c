#!/bin/bash
# Sourced by the other scripts: picks a JDK >= 21 for Maven and Karaf.
# Order: $JAVA_HOME if it is >= 21, then any JDK >= 21 under /usr/lib/jvm (newest first).
vmm_java_major() {
    "$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9][0-9]*\).*/\1/p'
}
vmm_pick_jdk() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(vmm_java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
        return 0
    fi
    local candidate
    for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
        candidate="${candidate%/}"
        if [ -x "$candidate/bin/javac" ] && [ "$(vmm_java_major "$candidate")" -ge 21 ] 2>/dev/null; then
            export JAVA_HOME="$candidate"
            return 0
        fi
    done
    echo "No JDK >= 21 found: set JAVA_HOME to one (OpenDaylight Titanium needs Java 21 or later)" >&2
    return 1
}
vmm_pick_jdk || exit 1
export JAVA_HOME
