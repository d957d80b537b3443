#!/bin/sh
# Plenary is one program: called as `plenary` it is the command-line tool. The packages
# carry it once, as /usr/bin/plenary-desktop, and this link gives it its CLI name.
# Runs as the .deb's postinst (configure) and as the .rpm's %post.
set -e
ln -sfn plenary-desktop /usr/bin/plenary
exit 0
