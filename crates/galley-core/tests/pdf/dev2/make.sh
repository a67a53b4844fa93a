#!/bin/sh
# Regenerates the second development set from src/*.json (see ../make-set.sh). Run from
# anywhere: sh dev2/make.sh.
exec sh "$(dirname "$0")/../make-set.sh" dev2
