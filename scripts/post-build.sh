#!/bin/sh
# Trunk.toml's post_build hook, after every other program is built, in Trunk's staging
# folder:
#   1. the mail program, in two modules (scripts/build-mail.sh);
#   2. in a release build, the programs' wasm-bindgen glue minified by esbuild (npm, pinned
#      in package.json; Trunk's own minifier cannot read it): 1.5–1.7 KB less per page
#      after brotli;
#   3. the three programs with fixed names (index.html) asked for with a version made of
#      their bytes and boot.js's (`imasara-mail.js?v=…`), so that no cached copy of another
#      build is used: written into boot.js (which carries a placeholder), into index.html's
#      reference to boot.js, and into the mail program's references between its files —
#      a module is one instance per URL, so the split script must import the very URL
#      boot.js imported.
set -eu

sh scripts/build-mail.sh
cd "$TRUNK_STAGING_DIR"
if [ "$TRUNK_PROFILE" = release ]; then
  for f in imasara*.js; do
    esbuild "$f" --minify --format=esm --log-level=warning --allow-overwrite --outfile="$f"
  done
fi
v=$(cat boot.js imasara-mail.js imasara-mail_bg.wasm imasara-mail-split.js imasara-mail-later.wasm \
  imasara-cert.js imasara-cert_bg.wasm imasara-teach.js imasara-teach_bg.wasm | cksum | cut -d ' ' -f 1)
version() { # file, then the names whose references in it get the version
  file=$1
  shift
  for name in "$@"; do
    sed "s#\"\\./$name\"#\"./$name?v=$v\"#g" "$file" > "$file.versioned"
    grep -q "\"\\./$name?v=$v\"" "$file.versioned" # the reference was there
    mv "$file.versioned" "$file"
  done
}
version imasara-mail.js imasara-mail-split.js
version imasara-mail-split.js imasara-mail.js imasara-mail-later.wasm
sed "s/@PROGRAMS_VERSION@/$v/" boot.js > boot.js.versioned && mv boot.js.versioned boot.js
sed "s#\\./boot\\.js#./boot.js?v=$v#" index.html > index.html.versioned && mv index.html.versioned index.html
