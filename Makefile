# The two set-up commands: `make run` and `make test`. Both install missing Debian packages first.
APT_PKGS := cmake ninja-build g++ pkg-config libsqlite3-dev sqlite3 libpq-dev libpqxx-dev \
  postgresql-15 libsodium-dev libcpp-httplib-dev nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev libutf8proc-dev \
  libgtest-dev libgmock-dev libbenchmark-dev libssl-dev curl python3 procps \
  glpk-utils libcairo2-dev libqrencode-dev poppler-utils zbar-tools \
  libxlsxwriter-dev chromium clang wrk
BUILD_DIR ?= build
DB ?= data/ktpel.db
PORT ?= 8080
JOBS ?= $(shell nproc)
# make bench ends with wrk load figures and a soak of this many seconds with the server's memory watched.
SOAK_SECONDS ?= 1800

.PHONY: run test deps build clean bench bench-dedup web fuzz

deps:
	@if dpkg-query -W -f='$${Status}\n' $(APT_PKGS) 2>/dev/null | grep -c 'ok installed' | grep -qx $(words $(APT_PKGS)); then \
	  echo "deps: all $(words $(APT_PKGS)) Debian packages present"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(APT_PKGS); \
	else \
	  echo "Missing Debian packages. Run as root:"; \
	  echo "  apt-get update && apt-get install -y --no-install-recommends $(APT_PKGS)"; \
	  exit 1; \
	fi

build: deps web
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The dashboard (Vite + TypeScript + ECharts), served by `ktpel serve` from web/dist.
web: web/dist/index.html
web/dist/index.html: web/package.json web/package-lock.json web/index.html web/vite.config.ts web/tsconfig.json web/scripts/precompress.mjs $(wildcard web/src/*.ts web/src/*.css web/src/pages/*.ts)
	@command -v npm >/dev/null || { echo "npm (Node.js >= 20.19) is needed to build the dashboard"; exit 1; }
	cd web && npm ci --no-audit --no-fund && npm run build

run: build
	@if [ ! -f $(DB) ]; then \
	  echo "Generating Kalimantan Utara (province 65) into $(DB) ..."; \
	  rm -rf $(BUILD_DIR)/gen-65 && \
	  $(BUILD_DIR)/src/ktpel generate --province 65 --seed 42 --as-of $$(date -u +%F) --out $(BUILD_DIR)/gen-65 && \
	  $(BUILD_DIR)/src/ktpel import --db $(DB).tmp $(BUILD_DIR)/gen-65/residents.csv --families $(BUILD_DIR)/gen-65/families.csv --ektp $(BUILD_DIR)/gen-65/ektp.csv --akta $(BUILD_DIR)/gen-65/akta.csv && \
	  $(BUILD_DIR)/src/ktpel coverage --db $(DB).tmp rebuild && \
	  $(BUILD_DIR)/src/ktpel print --db $(DB).tmp seed --province 65 && \
	  $(BUILD_DIR)/src/ktpel equipment --db $(DB).tmp seed --province 65 && \
	  mv $(DB).tmp $(DB) && rm -f $(DB).tmp-wal $(DB).tmp-shm; \
	fi
	@# The first administrator, once: its one-time password goes to data/admin-password.txt (mode
	@# 600), or it takes $$KTPEL_ADMIN_PASSWORD.
	$(BUILD_DIR)/src/ktpel user --db $(DB) bootstrap --password-file $(dir $(DB))admin-password.txt
	@# Databases made before printing existed get their synthetic printers and stock once.
	$(BUILD_DIR)/src/ktpel print --db $(DB) --as admin seed --province 65
	$(BUILD_DIR)/src/ktpel serve --db $(DB) --port $(PORT)

test: build
	scripts/with_services.sh ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

bench: build
	bench/import_vs_sqlite3.sh $(BUILD_DIR)/src/ktpel && $(BUILD_DIR)/bench/core_bench && $(BUILD_DIR)/bench/dedup_bench && $(BUILD_DIR)/bench/print_bench && $(BUILD_DIR)/bench/equipment_bench && \
	  rm -f /tmp/ktpel-packet-bench.db* && $(BUILD_DIR)/bench/packet_accept_bench --db /tmp/ktpel-packet-bench.db --packets 4000 --group 128 && \
	  SOAK_SECONDS=$(SOAK_SECONDS) bench/load_wrk.sh $(BUILD_DIR)/src/ktpel

clean:
	rm -rf $(BUILD_DIR)

# ktpel dedup and the Splink-method peer side by side on 1M records (about 4 minutes, 9 GB for the peer).
bench-dedup: build
	bench/dedup/compare_peer.sh 0.025

# libFuzzer on every parser that takes outside bytes (clang, ASan + UBSan): RUNS inputs per target,
# default 10,000,000, one target after another (docs/testing.md: targets, rates, times).
fuzz: deps
	fuzz/run.sh
