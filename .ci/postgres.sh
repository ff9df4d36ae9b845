# Sourced by .ci/test: a throwaway PostgreSQL on loopback for the multi-instance tests.
#
# Installs Debian's `postgresql` package when it is missing (as root, with apt-get), starts
# a cluster in a temporary folder on a free port, stops and deletes it when the shell exits,
# and exports TEST_POSTGRES_URL. An existing TEST_POSTGRES_URL is used as it is. When
# PostgreSQL cannot be had, it says why and the PostgreSQL tests skip with that reason.

start_throwaway_postgres() {
    if [ -n "${TEST_POSTGRES_URL:-}" ]; then
        echo "== PostgreSQL: using TEST_POSTGRES_URL from the environment"
        return 0
    fi
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$bin" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        echo "== PostgreSQL: installing Debian's postgresql package"
        if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
                apt-get install -y -qq postgresql; } >/dev/null; then
            echo "== PostgreSQL: apt-get could not install it" >&2
        fi
        bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    fi
    if [ -z "$bin" ] && [ "${CI:-}" = "true" ]; then
        echo "== PostgreSQL: could not be installed, and CI must run its tests" >&2
        exit 1
    fi
    if [ -z "$bin" ]; then
        export SKIP_POSTGRES_REASON="PostgreSQL is not installed and could not be (need root and apt-get)"
        echo "== PostgreSQL: $SKIP_POSTGRES_REASON; its tests will be skipped" >&2
        return 0
    fi
    PG_TMP=$(mktemp -d /tmp/companion-pg.XXXXXX)
    local port as_owner=()
    port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if [ "$(id -u)" -eq 0 ]; then  # initdb refuses to run as root
        chown postgres "$PG_TMP"
        as_owner=(runuser -u postgres --)
    fi
    "${as_owner[@]}" "$bin/initdb" -D "$PG_TMP/data" -U postgres -A trust >"$PG_TMP/initdb.log"
    "${as_owner[@]}" "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TMP -c fsync=off" start >/dev/null
    PG_STOP=("${as_owner[@]}" "$bin/pg_ctl" -D "$PG_TMP/data" -m fast stop)
    trap 'stop_throwaway_postgres' EXIT
    export TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    echo "== PostgreSQL: throwaway cluster on 127.0.0.1:$port"
}

stop_throwaway_postgres() {
    if [ -n "${PG_TMP:-}" ]; then
        "${PG_STOP[@]}" >/dev/null 2>&1 || true
        rm -rf "$PG_TMP"
    fi
}
