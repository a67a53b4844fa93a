#!/bin/sh
# Regenerates the third development set from src/*.json (see ../make-set.sh). Run from
# anywhere: sh dev3/make.sh.
exec sh "$(dirname "$0")/../make-set.sh" dev3
