#!/bin/sh
# Builds the mail program (src/bin/imasara-mail.rs) into Trunk's staging folder, in two
# modules: the page, and its later parts (src/ui/pages/mail/later.rs), which the page
# fetches when it draws the first of them. Trunk runs this from Trunk.toml's post_build hook.
#
# Trunk's own pipeline (cargo, wasm-bindgen, wasm-opt) has no step between cargo and
# wasm-bindgen, where a module must be split (trunk-rs/trunk#1022), so this does what it
# would, with the split in between:
#   1. cargo links the program keeping its relocations (`--emit-relocs`): they tell the
#      splitter which function and data each call and address refers to;
#   2. wasm-split-cli (wasm_split_cli_support, the splitter cargo-leptos runs for Leptos's
#      `#[lazy]`) cuts it at the `wasm_split` function: what only that function reaches
#      goes to the second module, with a small script that fetches it into the first
#      module's memory and table;
#   3. wasm-bindgen writes the first module's glue, as Trunk would (`--target web`), but
#      keeping the exports the linker made (`--keep-lld-exports`): the second module is
#      given the first's function table (`__indirect_function_table`) through them;
#   4. in a release build, wasm-opt shrinks both modules at the level measured smallest
#      after brotli for this program (-O1 --shrink-level=1: README, Size).
# Files: imasara-mail.js and imasara-mail_bg.wasm (as Trunk named them), and
# imasara-mail-split.js with imasara-mail-later.wasm (the splitter's __wasm_split.js and
# split_mail_later.wasm, renamed so that the folder says whose they are).
set -eu

staging=${TRUNK_STAGING_DIR:?run by Trunk}
target_dir=${CARGO_TARGET_DIR:-target}
if [ "${TRUNK_PROFILE:-debug}" = release ]; then
  profile=web # index.html's data-cargo-profile-release for every program
  profile_dir=web
else
  profile=dev
  profile_dir=debug
fi

offline=
[ "${TRUNK_OFFLINE:-}" = true ] && offline=--offline # as Trunk's own cargo runs
cargo rustc --quiet --locked $offline --profile "$profile" --target wasm32-unknown-unknown --bin imasara-mail \
  -- -C link-arg=--emit-relocs

work="$target_dir/wasm-split/$profile_dir"
rm -rf "$work"
mkdir -p "$work/bindgen"
wasm-split-cli "$target_dir/wasm32-unknown-unknown/$profile_dir/imasara-mail.wasm" "$work" \
  --target web --out-name imasara-mail
wasm-bindgen --target=web --no-typescript --keep-lld-exports --out-dir="$work/bindgen" --out-name=imasara-mail \
  "$work/imasara-mail.wasm"

if [ "$profile" = web ]; then
  # binaryen 132 from npm (package.json), as Trunk.toml's [tools] asks of Trunk; Debian's
  # 108 produces a module that fails at run time.
  wasm_opt=./node_modules/.bin/wasm-opt
  [ -x "$wasm_opt" ] || { echo "build-mail.sh: no $wasm_opt (run npm ci)" >&2; exit 1; }
  "$wasm_opt" -O1 --shrink-level=1 "$work/bindgen/imasara-mail_bg.wasm" -o "$staging/imasara-mail_bg.wasm"
  "$wasm_opt" -O1 --shrink-level=1 "$work/split_mail_later.wasm" -o "$staging/imasara-mail-later.wasm"
else
  cp "$work/bindgen/imasara-mail_bg.wasm" "$staging/imasara-mail_bg.wasm"
  cp "$work/split_mail_later.wasm" "$staging/imasara-mail-later.wasm"
fi
# The glue's import statement only: its imports object keeps the name the module asks for.
sed '/^import /s#"\./__wasm_split\.js"#"./imasara-mail-split.js"#' "$work/bindgen/imasara-mail.js" \
  > "$staging/imasara-mail.js"
sed 's#"\./split_mail_later\.wasm"#"./imasara-mail-later.wasm"#' "$work/__wasm_split.js" \
  > "$staging/imasara-mail-split.js"
# Each rename must have happened: a reference left as it was would load nothing.
grep -q '^import .*"./imasara-mail-split.js"' "$staging/imasara-mail.js"
grep -q '"./__wasm_split.js": ' "$staging/imasara-mail.js"
grep -q '"./imasara-mail-later.wasm"' "$staging/imasara-mail-split.js"
grep -q '"./imasara-mail.js"' "$staging/imasara-mail-split.js"
