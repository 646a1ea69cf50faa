# imasara — the two commands a newcomer needs, and the pieces they are made of.
#
#   make serve   install what is missing, then serve the app on http://127.0.0.1:8080
#   make test    install what is missing, then run every test layer
#
# Tool versions are pinned here and nowhere else (wasm-bindgen's comes from Cargo.lock, so
# the CLI always matches the crate). Installs happen only when a tool is missing or at the
# wrong version, so warm runs stay fast.

TRUNK_VERSION := 0.21.14
PKILINT_VERSION := 0.13.3
# certifi: Mozilla's roots as whole certificates (webpki-roots keeps names and keys only), for
# tests/cert_openssl_clients.rs; the release nearest to webpki-roots 1.0.10's list.
CERTIFI_VERSION := 2026.10.18
# tlslite-ng, a TLS server in pure Python: tests/cert_openssl_clients.rs serves certificates
# OpenSSL cannot load with it.
TLSLITE_VERSION := 0.8.2
ECDSA_VERSION := 0.19.2
# The splitter behind Leptos's `#[lazy]`, which cuts the mail program in two
# (scripts/build-mail.sh).
WASM_SPLIT_VERSION := 0.2.4
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
# curl and python3: the mail-lab test drives the lab with curl and Python's poplib/smtplib
# (python3 also zips the offline copy); openssl: the certificate tests cross-check their
# verdicts with `openssl verify`; ca-certificates: the system bundle the OpenSSL comparison
# reads (apt runs with --no-install-recommends, so openssl alone does not bring it).
DEBIAN_PACKAGES := chromium chromium-driver fonts-noto-cjk poppler-utils curl openssl python3 ca-certificates

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Trunk must never fetch a tool or ask crates.io for updates (neither is reachable here).
export TRUNK_OFFLINE := true
export TRUNK_SKIP_VERSION_CHECK := true
# Playwright drives Debian's Chromium; it must not download its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export CHROMEDRIVER := /usr/bin/chromedriver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve test test-native test-wasm test-e2e dist bundle size bench lint notices fuzz tools rust-tools browser-tools npm-tools py-tools clean

serve: rust-tools npm-tools
	trunk serve

test: tools
	$(MAKE) --no-print-directory test-native
	$(MAKE) --no-print-directory test-wasm
	$(MAKE) --no-print-directory test-e2e

# 1. Pure logic, natively: engines, routes, locales; then the examples in the docs
#    (`--all-targets` does not run doctests).
test-native:
	cargo test --all-targets
	cargo test --doc

# 2. Components mounted in headless Chromium (wasm-bindgen-test). The test server serves
#    only the test module, so it is built self-contained (engine in-process, both
#    languages compiled in).
#    Chromium leaves a profile folder (~125 MB) in TMPDIR for every test file when
#    chromedriver is stopped: give it a folder of its own and remove it afterwards.
test-wasm:
	rm -rf target/browser-tmp && mkdir -p target/browser-tmp
	TMPDIR=$(CURDIR)/target/browser-tmp cargo test --target wasm32-unknown-unknown \
	  --features self-contained --test 'web*' || { rm -rf target/browser-tmp; exit 1; }
	rm -rf target/browser-tmp

# 3. The release build, served under a sub-path, driven by Playwright.
test-e2e: dist
	playwright test

dist: rust-tools npm-tools
	trunk build --release
	@# The offline copy for teachers (linked from the About page): the site in a folder.
	rm -rf target/offline && mkdir -p target/offline && cp -r dist target/offline/imasara
	cd target/offline && python3 -m zipfile -c imasara-offline.zip imasara
	mv target/offline/imasara-offline.zip dist/

# The offline copy for teachers: dist/imasara-offline.zip (unzip, then serve the folder).
bundle: dist
	@ls -l dist/imasara-offline.zip

# Sizes of the release build (raw, gzip -9, brotli -11) and the first-load budget check.
size: dist
	node tests/size.mjs

# The padlock page against pkijs in one Chromium run (tests/bench/bench.mjs); prints the
# tables the README's "Speed" section shows. Not part of `make test`.
bench: dist
	cd tests/bench && npm ci --no-audit --no-fund
	node tests/bench/bench.mjs

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets --features self-contained -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --target wasm32-unknown-unknown
	@node scripts/notices.mjs target/third-party.check.txt > /dev/null
	@cmp -s target/third-party.check.txt static/third-party.txt \
	  || { echo "static/third-party.txt is out of date: run 'make notices'"; exit 1; }

# Regenerate the third-party notices the About page links to (after a dependency change).
notices:
	node scripts/notices.mjs

# Fuzzing (FUZZING.md; not part of `make test` or CI): each target in turn for SECONDS,
# one process at nice 19, through fuzz/run.sh. A crash stops the run (its input is in
# fuzz/artifacts/TARGET); record every campaign in FUZZING.md.
#   make fuzz SECONDS=600 TARGETS="cert_parse route"
SECONDS ?= 300
FUZZ_TARGETS := cert_parse cert_judge cert_session hostname route mail_session mail_recording
TARGETS ?= $(FUZZ_TARGETS)
CARGO_FUZZ_VERSION := 0.13.2

fuzz:
	@rustup toolchain list | grep -q '^nightly' \
	  || { echo "make fuzz needs a nightly toolchain (rustup toolchain install nightly)"; exit 1; }
	@[ "$$(cargo fuzz --version 2>/dev/null)" = "cargo-fuzz $(CARGO_FUZZ_VERSION)" ] \
	  || cargo install cargo-fuzz --version $(CARGO_FUZZ_VERSION) --locked
	@for t in $(TARGETS); do fuzz/run.sh $$t $(SECONDS); done

tools: rust-tools browser-tools npm-tools py-tools

rust-tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@[ "$$(trunk --version 2>/dev/null)" = "trunk $(TRUNK_VERSION)" ] \
	  || cargo install trunk --version $(TRUNK_VERSION) --locked
	@# wasm-bindgen-cli's own lockfile wants crates the registry lacks: install it unlocked.
	@[ "$$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $(WASM_BINDGEN_VERSION)" ] \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@cargo install --list | grep -qx "wasm_split_cli_support v$(WASM_SPLIT_VERSION):" \
	  || cargo install wasm_split_cli_support --version $(WASM_SPLIT_VERSION) --locked --features build-binary
	@# TRUNK_OFFLINE also makes Trunk build with `cargo --offline`: download the crates first.
	@cargo fetch --locked --quiet

browser-tools:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

npm-tools:
	@[ -x node_modules/.bin/playwright ] && [ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/esbuild ] \
	  && [ node_modules/.package-lock.json -nt package-lock.json ] \
	  || npm ci --no-audit --no-fund

# pkilint, the CA/Browser Forum's linter, which tests/cert_pkilint.rs holds the dated CA rules
# to, certifi and tlslite-ng (above): Python packages from PyPI, installed beside the build (no
# virtualenv needed).
py-tools:
	@[ -f target/pylib/pkilint-$(PKILINT_VERSION).dist-info/METADATA ] \
	  || python3 -m pip install --quiet --disable-pip-version-check --target target/pylib pkilint==$(PKILINT_VERSION) \
	  || echo "pkilint could not be installed; tests/cert_pkilint.rs will say it was not run"
	@[ -f target/pylib/certifi-$(CERTIFI_VERSION).dist-info/METADATA ] \
	  || python3 -m pip install --quiet --disable-pip-version-check --target target/pylib certifi==$(CERTIFI_VERSION) \
	  || echo "certifi could not be installed; tests/cert_openssl_clients.rs reads Debian's roots only"
	@[ -f target/pylib/tlslite_ng-$(TLSLITE_VERSION).dist-info/METADATA ] \
	  || python3 -m pip install --quiet --disable-pip-version-check --target target/pylib tlslite-ng==$(TLSLITE_VERSION) ecdsa==$(ECDSA_VERSION) \
	  || echo "tlslite-ng could not be installed; tests/cert_openssl_clients.rs will say what it did not compare"

clean:
	cargo clean
	rm -rf dist node_modules test-results playwright-report artifacts
