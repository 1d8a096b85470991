# test/lib.sh: what `make test`, `make demo` and `make bench` share.
#
#   cpconf_setup    install missing packages, build (warnings are errors),
#                   install, and start a throwaway PostgreSQL on a private
#                   socket; it is stopped and removed when the script exits.
#
# Afterwards PGHOST, PGPORT and PGUSER point at the throwaway server, so
# psql, pg_regress and pg_dump need no further options.

set -euo pipefail

PG_MAJOR=15
CPCONF_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

say() { printf '%s\n' "$*" >&2; }

# The packages a fresh machine lacks: the server headers (PGXS) and, should
# any be missing, the server, the compiler and python3 (documentation tests).
cpconf_packages() {
    local missing=()
    # pgxs.mk comes with the client package; the server headers do not.
    local headers
    headers=$(pg_config --includedir-server 2>/dev/null || true)
    [ -n "$headers" ] && [ -f "$headers/postgres.h" ] || missing+=("postgresql-server-dev-$PG_MAJOR")
    [ -x "/usr/lib/postgresql/$PG_MAJOR/bin/postgres" ] || missing+=("postgresql-$PG_MAJOR")
    command -v make >/dev/null && command -v gcc >/dev/null || missing+=(make gcc)
    command -v python3 >/dev/null || missing+=(python3)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        say "cpconf: missing packages: ${missing[*]}"
        say "Install them as root (apt-get install ${missing[*]}) or run this as root."
        exit 1
    fi
    say "cpconf: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

cpconf_build() {
    say "cpconf: building"
    make -C "$CPCONF_ROOT" -s all >/dev/null
    if [ "$(id -u)" -eq 0 ] || [ -w "$(pg_config --pkglibdir)" ]; then
        make -C "$CPCONF_ROOT" -s install >/dev/null
    else
        say "cpconf: cannot install into $(pg_config --pkglibdir) as $(id -un); run as root."
        exit 1
    fi
}

# As root the server runs as the postgres user: PostgreSQL refuses root.
as_server_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

cpconf_start_server() {
    local bindir="/usr/lib/postgresql/$PG_MAJOR/bin"
    CPCONF_PGDIR=$(mktemp -d /tmp/cpconf-pg.XXXXXX)
    [ "$(id -u)" -eq 0 ] && chown postgres: "$CPCONF_PGDIR"
    trap cpconf_stop_server EXIT
    export PGHOST="$CPCONF_PGDIR" PGPORT=$((20000 + RANDOM % 10000))
    export PGUSER=$(if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi)
    export PGDATABASE=postgres
    say "cpconf: starting a throwaway server in $CPCONF_PGDIR"
    as_server_owner "$bindir/initdb" -D "$CPCONF_PGDIR/data" -A trust -U "$PGUSER" \
        --no-sync -E UTF8 --locale=C >"$CPCONF_PGDIR/initdb.log" 2>&1 \
        || { cat "$CPCONF_PGDIR/initdb.log" >&2; exit 1; }
    as_server_owner "$bindir/pg_ctl" -D "$CPCONF_PGDIR/data" -l "$CPCONF_PGDIR/server.log" -w \
        -o "-k $CPCONF_PGDIR -p $PGPORT -c listen_addresses='' -c fsync=off -c max_prepared_transactions=2" \
        start >/dev/null \
        || { cat "$CPCONF_PGDIR/server.log" >&2; exit 1; }
}

cpconf_stop_server() {
    local rc=$?
    if [ -n "${CPCONF_PGDIR:-}" ] && [ -d "$CPCONF_PGDIR" ]; then
        as_server_owner "/usr/lib/postgresql/$PG_MAJOR/bin/pg_ctl" -D "$CPCONF_PGDIR/data" \
            -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$CPCONF_PGDIR"
    fi
    exit $rc
}

cpconf_setup() {
    cpconf_packages
    cpconf_build
    cpconf_start_server
}
