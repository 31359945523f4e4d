#!/bin/sh
# Installs, upgrades, removes and purges an atiot .deb in a throw-away copy of this Debian system.
#
#   unshare --mount --propagation private sh lifecycle.sh PACKAGE.deb VERSION DEB_VERSION WORKDIR
#
# VERSION is what `atiot --version` prints, DEB_VERSION the package's version (with its Debian revision).
#
# The copy is an overlay over / whose writes go to a tmpfs in WORKDIR; run in a private mount namespace, every
# mount disappears when the script ends and the host system is never written to. Needs root.
set -eu

deb=$1
version=$2
deb_version=$3
work=$4
root=$work/root

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }
in_root() { chroot "$root" "$@"; }
mode_owner() { in_root stat -c '%a %U' "$1"; }

mkdir -p "$work/scratch" "$root"
mount -t tmpfs -o size=1g tmpfs "$work/scratch"
mkdir "$work/scratch/upper" "$work/scratch/work"
mount -t overlay overlay -o "lowerdir=/,upperdir=$work/scratch/upper,workdir=$work/scratch/work" "$root"
mount --rbind /dev "$root/dev"
mount -t proc proc "$root/proc"
# A fresh /run has no /run/systemd/system, so the maintainer scripts treat this like a chroot without systemd.
mount -t tmpfs tmpfs "$root/run"
mount -t tmpfs tmpfs "$root/tmp"

cp "$deb" "$root/tmp/atiot.deb"
# A board with GPIO and I2C but no SPI group.
in_root groupadd --system gpio 2>/dev/null || true
in_root groupadd --system i2c 2>/dev/null || true
in_root groupdel spi 2>/dev/null || true
in_root getent passwd atiot >/dev/null && fail "this system already has a user atiot"

# --- install
in_root dpkg -i /tmp/atiot.deb || fail "dpkg -i failed"
entry=$(in_root getent passwd atiot) || fail "no user atiot after install"
case "$entry" in
    *:/var/lib/atiot:/usr/sbin/nologin) ;;
    *) fail "atiot user has a home or login shell: $entry" ;;
esac
groups=$(in_root id -nG atiot)
echo " $groups " | grep -q " gpio " || fail "atiot is not in group gpio: $groups"
echo " $groups " | grep -q " i2c " || fail "atiot is not in group i2c: $groups"
[ "$(mode_owner /var/lib/atiot)" = "750 atiot" ] || fail "/var/lib/atiot is $(mode_owner /var/lib/atiot)"
[ "$(mode_owner /etc/atiot/keys)" = "700 atiot" ] || fail "/etc/atiot/keys is $(mode_owner /etc/atiot/keys)"
out=$(in_root atiot --version) || fail "atiot --version failed: $out"
[ "$out" = "atiot $version" ] || fail "atiot --version printed '$out'"
verify=$(in_root systemd-analyze verify /lib/systemd/system/atiot.service 2>&1) || fail "systemd-analyze verify: $verify"
[ -z "$verify" ] || fail "systemd-analyze verify is not clean: $verify"
wants=/etc/systemd/system/multi-user.target.wants/atiot.service
[ ! -e "$root$wants" ] || fail "a fresh install enabled the unit before the device is configured"
pass "install: user, groups, directories, atiot --version, systemd-analyze verify, unit not enabled"

# --- state an operator and the agent would have
in_root install -d -o atiot -g atiot -m 0750 /var/lib/atiot/queue
echo "queued reading 1" > "$root/var/lib/atiot/queue/00000001.seg"
echo '{"fake":"keys"}' > "$root/etc/atiot/keys/@pi01_key.atKeys"
in_root chown atiot:atiot /etc/atiot/keys/@pi01_key.atKeys
in_root chmod 0600 /etc/atiot/keys/@pi01_key.atKeys
echo "# edited by the operator" >> "$root/etc/atiot/agent.toml"
in_root systemctl enable atiot.service 2>/dev/null || fail "systemctl enable atiot.service failed"

# --- upgrade to a newer version of the same package
mkdir "$work/scratch/tree"
dpkg-deb -R "$deb" "$work/scratch/tree"
sed -i "s/^Version: .*/Version: $deb_version.1/" "$work/scratch/tree/DEBIAN/control"
dpkg-deb --root-owner-group -b "$work/scratch/tree" "$root/tmp/atiot-next.deb" >/dev/null
in_root dpkg -i /tmp/atiot-next.deb || fail "upgrade failed"
[ "$(in_root dpkg-query -W -f '${Version}' atiot)" = "$deb_version.1" ] || fail "upgrade did not install $deb_version.1"
[ "$(cat "$root/var/lib/atiot/queue/00000001.seg")" = "queued reading 1" ] || fail "upgrade lost queued data"
grep -q "edited by the operator" "$root/etc/atiot/agent.toml" || fail "upgrade overwrote the operator's agent.toml"
[ "$(mode_owner /etc/atiot/keys/@pi01_key.atKeys)" = "600 atiot" ] || fail "key file is $(mode_owner /etc/atiot/keys/@pi01_key.atKeys)"
[ "$(in_root getent passwd atiot | wc -l)" = 1 ] || fail "upgrade duplicated the atiot user"
[ -L "$root$wants" ] || fail "upgrade disabled the unit the operator had enabled"
pass "upgrade: queue, edited config, keys and enablement kept"

# --- remove keeps configuration, keys and queue
in_root dpkg -r atiot || fail "dpkg -r failed"
[ ! -e "$root/usr/share/atiot/atiot.jar" ] || fail "remove left the jar"
[ ! -e "$root/usr/bin/atiot" ] || fail "remove left the launcher"
[ -f "$root/etc/atiot/agent.toml" ] || fail "remove deleted agent.toml"
[ -f "$root/etc/atiot/keys/@pi01_key.atKeys" ] || fail "remove deleted the keys"
[ -f "$root/var/lib/atiot/queue/00000001.seg" ] || fail "remove deleted the queue"
[ "$(in_root dpkg-query -W -f '${Status}' atiot)" = "deinstall ok config-files" ] || fail "unexpected status after remove"
pass "remove: config, keys and queue kept"

# --- purge deletes them and the user
in_root dpkg -P atiot || fail "dpkg -P failed"
for gone in /etc/atiot /var/lib/atiot /etc/default/atiot "$wants"; do
    [ ! -e "$root$gone" ] || fail "purge left $gone"
done
if in_root getent passwd atiot >/dev/null; then fail "purge left the user atiot"; fi
if in_root dpkg-query -W -f '${Status}' atiot 2>/dev/null | grep -q installed; then fail "purge left dpkg state"; fi
pass "purge: config, keys, state and user gone"
