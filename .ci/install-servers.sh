#!/bin/sh
# Installs the real servers the integration tests start themselves (Debian/Ubuntu, as root),
# and Debian's chromium, which Playwright drives in the desk's browser tests.
# Idempotent: installs only what is missing, and makes sure the packaged Dovecot service does
# not keep running (the tests start their own Dovecot on a free port of 127.0.0.1).
set -eu

packages=""
command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || packages="dovecot-imapd"
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || packages="$packages postgresql"
command -v openssl >/dev/null 2>&1 || packages="$packages openssl"  # self-signed test certificate
command -v runuser >/dev/null 2>&1 || packages="$packages util-linux"  # PostgreSQL as non-root
[ -x /usr/bin/chromium ] || packages="$packages chromium"  # the desk's browser tests (Playwright)

if [ -n "$packages" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    # shellcheck disable=SC2086 # word splitting of the package list is intended
    apt-get install -y --no-install-recommends $packages
fi

# The package's own service is not needed; stop it so nothing else answers IMAP on this host.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl disable --now dovecot.service dovecot.socket >/dev/null 2>&1 || true
elif command -v service >/dev/null 2>&1; then
    service dovecot stop >/dev/null 2>&1 || true
fi
