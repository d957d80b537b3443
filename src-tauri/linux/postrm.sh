#!/bin/sh
# Removes the /usr/bin/plenary link that postinst.sh made, when the package is removed, but
# not on an upgrade (the new version's postinst makes it again). The .deb calls this with
# "remove" or "purge"; the .rpm's %postun with the number of versions left, 0 on removal.
set -e
case "$1" in
  remove | purge | 0)
    if [ -L /usr/bin/plenary ] && [ "$(readlink /usr/bin/plenary)" = plenary-desktop ]; then
      rm -f /usr/bin/plenary
    fi
    ;;
esac
exit 0
