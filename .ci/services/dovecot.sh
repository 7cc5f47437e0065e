#!/usr/bin/env bash
# Starts a throw-away Dovecot IMAP server on 127.0.0.1 for the IMAP poller tests (tests/Optin.Forms.MailKit.Tests/Imap):
# its own configuration, passwd-file and maildir under a temporary folder, plain-text login allowed (loopback only, no
# TLS), one test user with a random password. Exports OPTIN_TEST_IMAP into "$OUT/env" and leaves "$OUT/stop-dovecot.sh"
# behind. Installs Debian's dovecot-imapd with apt-get when it is missing. Works as root or as an ordinary user.
set -euo pipefail
: "${OUT:?OUT must be set}"

DOVECOT=$(command -v dovecot || ls /usr/sbin/dovecot 2>/dev/null || true)
if [ -z "$DOVECOT" ] || [ ! -x /usr/lib/dovecot/imap ]; then
  echo "installing dovecot-imapd"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq dovecot-imapd >/dev/null
  DOVECOT=$(command -v dovecot || echo /usr/sbin/dovecot)
fi

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55143
}
PORT="${OPTIN_TEST_IMAP_PORT:-$(free_port)}"
USER_NAME=optin
PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
DIR=$(mktemp -d /tmp/optin-imap.XXXXXX)
chmod 755 "$DIR"
mkdir -p "$DIR/run" "$DIR/state" "$DIR/home/$USER_NAME"

if [ "$(id -u)" -eq 0 ]; then
  # Dovecot never serves mail as root: the mailbox belongs to nobody, the login and internal processes to the
  # package's own users when they exist.
  MAIL_UID=$(id -u nobody); MAIL_GID=$(id -g nobody)
  LOGIN_USER=$(id -u dovenull >/dev/null 2>&1 && echo dovenull || echo nobody)
  INTERNAL_USER=$(id -u dovecot >/dev/null 2>&1 && echo dovecot || echo nobody)
  chown -R "$MAIL_UID:$MAIL_GID" "$DIR/home"
else
  MAIL_UID=$(id -u); MAIL_GID=$(id -g)
  LOGIN_USER=$(id -un); INTERNAL_USER=$(id -un)
fi

echo "$USER_NAME:{PLAIN}$PASSWORD:$MAIL_UID:$MAIL_GID::$DIR/home/$USER_NAME::" > "$DIR/passwd"
chmod 644 "$DIR/passwd"

cat > "$DIR/dovecot.conf" <<CONF
base_dir = $DIR/run
state_dir = $DIR/state
instance_name = optin-imap-$PORT
log_path = $DIR/dovecot.log
info_log_path = $DIR/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = $LOGIN_USER
default_internal_user = $INTERNAL_USER
first_valid_uid = 1
mail_location = maildir:~/Maildir
mail_plugins =
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN $DIR/passwd
}
userdb {
  driver = passwd-file
  args = $DIR/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $PORT
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
CONF

if ! "$DOVECOT" -c "$DIR/dovecot.conf" >"$DIR/start.log" 2>&1; then
  cat "$DIR/start.log" "$DIR/dovecot.log" 2>/dev/null || true
  exit 1
fi

# Wait until the server greets on the port (it forks its listeners after returning).
for _ in $(seq 1 50); do
  if python3 - "$PORT" <<'PY' 2>/dev/null
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1)
greeting = s.recv(200)
s.close()
sys.exit(0 if greeting.startswith(b"* OK") else 1)
PY
  then ready=1; break; fi
  sleep 0.2
done
if [ -z "${ready:-}" ]; then
  echo "dovecot did not greet on 127.0.0.1:$PORT"
  cat "$DIR/dovecot.log" 2>/dev/null || true
  exit 1
fi

echo "OPTIN_TEST_IMAP='Host=127.0.0.1;Port=$PORT;User=$USER_NAME;Password=$PASSWORD'" >> "$OUT/env"
cat > "$OUT/stop-dovecot.sh" <<STOP
#!/usr/bin/env bash
'$DOVECOT' -c '$DIR/dovecot.conf' stop 2>/dev/null || true
sleep 0.5
rm -rf '$DIR'
STOP
echo "dovecot $("$DOVECOT" --version | cut -d' ' -f1) started on 127.0.0.1:$PORT (user $USER_NAME)"
