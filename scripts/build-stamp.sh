#!/bin/bash
# Writes what the distribution is built from into its etc/ (karaf/pom.xml calls it before the archive is made):
#   head=<the commit checked out>           tree=<the tree of the application's sources as they are on disk>
#   dirty=<application files that differ from head, comma-separated>
# The tree is taken from the working tree (a throw-away index; tracked and untracked files, .gitignore honoured), so
# a build made before its change was committed can later be matched with the commit that holds the same sources
# (bench/common.distribution). Never fails the build: without git, or outside a clone, it writes what it knows.
#
#   bash scripts/build-stamp.sh REPO OUTFILE
set -u
repo=${1:?repository} out=${2:?output file}
paths=(impl api karaf features tools pom.xml)
mkdir -p "$(dirname "$out")"
{
    echo "# written by scripts/build-stamp.sh at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    if ! command -v git > /dev/null || ! git -C "$repo" rev-parse --git-dir > /dev/null 2>&1; then
        echo "head=unknown"
        exit 0
    fi
    echo "head=$(git -C "$repo" rev-parse HEAD 2>/dev/null || echo unknown)"
    index=$(mktemp)
    rm -f "$index"
    # only the application's paths, as on disk; the real index is not touched
    if GIT_INDEX_FILE=$index git -C "$repo" add -A -- "${paths[@]}" 2>/dev/null; then
        echo "tree=$(GIT_INDEX_FILE=$index git -C "$repo" write-tree 2>/dev/null || echo unknown)"
    else
        echo "tree=unknown"
    fi
    rm -f "$index"
    dirty=$(git -C "$repo" status --porcelain --untracked-files=all -- "${paths[@]}" 2>/dev/null \
        | cut -c4- | paste -sd, -)
    echo "dirty=$dirty"
} > "$out"
exit 0
