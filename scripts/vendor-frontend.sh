#!/usr/bin/env bash
# Re-create src/icshub/web/static/vendor/ from the npm registry at pinned versions.
#
# Needs only node + npm. Safe to run from any directory and to re-run
# (the vendor folder is rebuilt from scratch each time; output is byte-identical
# for the same pins). Nothing is installed into the repo: tarballs are fetched
# with `npm pack` into a temporary directory, checked against the pinned
# sha512 integrity, and only the listed files are extracted.
#
# To upgrade: change a *_VERSION, run once; the integrity check fails and prints
# the new value (cross-check with `npm view PKG@VERSION dist.integrity`),
# update the matching *_INTEGRITY, re-run, then review VENDORED.md.
set -euo pipefail

# --- pins ---------------------------------------------------------------------
NHSUK_FRONTEND_VERSION="10.6.1"
NHSUK_FRONTEND_INTEGRITY="sha512-PZorqQZjZx/A26yJoskCL9z0ib6AtkAyF0o4K/RHr8zRrJyXrUOCnMbjy0VNXsGO4tfTNMwqlkwATKs4a0xayw=="
# nhsuk-frontend 10.x tarballs ship no LICENSE file (package.json says MIT);
# the MIT licence text is taken verbatim from the last 9.x tarball that has one.
NHSUK_FRONTEND_LICENSE_VERSION="9.6.4"
NHSUK_FRONTEND_LICENSE_INTEGRITY="sha512-y0fi91jhgS1whD7jhNXKbpJ2Lmje/h5qBZ0aXmBbZdNo56805u7SsPJYxq7Uw6ffT86zQzQIxEwPwrjgSm5Whg=="

HTMX_VERSION="4.0.1"
HTMX_INTEGRITY="sha512-oF7JgXhDW9UXCy/k1ZYFUQgzu/rm19ORWPSPNL91vPluB2PB9+MV55tyQdH/w7o2EAbTYUG5SDW1R60mdkdqGg=="

VEGA_VERSION="6.4.0"
VEGA_INTEGRITY="sha512-rHXCq2LpEWCLMjXBEj7hocY9G0/i5TGYRayGGSj06VTF4+l2IG2Z7oeZKCjWbUh/7hTE/mVhbaOPB72wCElh6g=="
VEGA_LITE_VERSION="6.5.0"
VEGA_LITE_INTEGRITY="sha512-fMXF6s0MrIg0UTWnLIfeFtgSLzVhyzSKobzGrh5rhS+mL6FOYFG3m7ouJ4U23gj65EK+gl9FIIT5w7wLNaAzkA=="
VEGA_EMBED_VERSION="7.3.0"
VEGA_EMBED_INTEGRITY="sha512-wQ8s5GaSzqoKgmRfbRolgBrjE2CP7ZKHXqH7NijxMqPjpdWxSs4Dn8tvp9g0giQvh2cK+3p56sxjWWM0wNngGw=="

# --- paths --------------------------------------------------------------------
SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd -- "${SCRIPT_DIR}/.." && pwd -P)"
VENDOR_DIR="${REPO_ROOT}/src/icshub/web/static/vendor"

command -v node >/dev/null 2>&1 || { echo "error: node is required" >&2; exit 1; }
command -v npm  >/dev/null 2>&1 || { echo "error: npm is required"  >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/icshub-vendor.XXXXXX")"
trap 'rm -rf -- "${WORK}"' EXIT
STAGE="${WORK}/vendor"
mkdir -p "${WORK}/tgz" "${STAGE}"

# Small node helper (no tar binary needed): verify integrity, extract members,
# and produce the file table for VENDORED.md.
cat > "${WORK}/helper.js" <<'JS'
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const crypto = require('crypto');

function readTar(tgzPath) {
  const buf = zlib.gunzipSync(fs.readFileSync(tgzPath));
  const files = new Map();
  let off = 0, paxPath = null, longName = null;
  const str = (b) => b.toString('utf8').replace(/\0.*$/s, '');
  while (off + 512 <= buf.length) {
    const h = buf.subarray(off, off + 512);
    if (h.every((x) => x === 0)) break;
    let name = str(h.subarray(0, 100));
    const size = parseInt(str(h.subarray(124, 136)).trim() || '0', 8);
    const type = String.fromCharCode(h[156] || 48);
    const prefix = str(h.subarray(345, 500));
    if (prefix) name = prefix + '/' + name;
    const body = buf.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {               // pax extended header
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      paxPath = m ? m[1] : null;
      continue;
    }
    if (type === 'L') { longName = str(body); continue; }  // GNU long name
    if (type === 'g') continue;
    if (paxPath) { name = paxPath; paxPath = null; }
    if (longName) { name = longName; longName = null; }
    if (type === '0' || type === '\0' || type === '7') files.set(name, Buffer.from(body));
  }
  return files;
}

const [cmd, ...args] = process.argv.slice(2);

if (cmd === 'extract') {
  // extract TGZ INTEGRITY DESTDIR  member=>relative/target ...
  // member may end in "/*" to copy every file under that folder (recursively).
  const [tgz, integrity, dest, ...maps] = args;
  const actual = 'sha512-' + crypto.createHash('sha512').update(fs.readFileSync(tgz)).digest('base64');
  if (actual !== integrity) {
    console.error(`error: integrity mismatch for ${path.basename(tgz)}\n  expected ${integrity}\n  actual   ${actual}`);
    process.exit(1);
  }
  const files = readTar(tgz);
  for (const m of maps) {
    const [src, target] = m.split('=>');
    const pairs = [];
    if (src.endsWith('/*')) {
      const dir = src.slice(0, -1);
      for (const name of [...files.keys()].sort()) {
        if (name.startsWith(dir)) pairs.push([name, path.join(target, name.slice(dir.length))]);
      }
      if (!pairs.length) { console.error(`error: nothing under ${dir} in ${tgz}`); process.exit(1); }
    } else {
      if (!files.has(src)) { console.error(`error: ${src} not found in ${tgz}`); process.exit(1); }
      pairs.push([src, target]);
    }
    for (const [name, rel] of pairs) {
      const out = path.join(dest, rel);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, files.get(name));
    }
  }
} else if (cmd === 'pkgjson') {
  // pkgjson TGZ FIELD  -> prints package.json field
  const [tgz, field] = args;
  const pj = JSON.parse(readTar(tgz).get('package/package.json').toString('utf8'));
  process.stdout.write(String(pj[field] ?? ''));
} else if (cmd === 'filetable') {
  // filetable DIR -> markdown rows: path | bytes | sha256
  const [dir] = args;
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true })
    .flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
  const rows = walk(dir).map((f) => path.relative(dir, f).split(path.sep).join('/')).sort();
  let total = 0;
  for (const rel of rows) {
    const data = fs.readFileSync(path.join(dir, rel));
    total += data.length;
    const sha = crypto.createHash('sha256').update(data).digest('hex');
    console.log(`| \`${rel}\` | ${data.length} | \`${sha}\` |`);
  }
  console.log(`| **total (${rows.length} files, excl. VENDORED.md)** | **${total}** | |`);
} else {
  console.error('unknown command'); process.exit(2);
}
JS

# fetch NAME VERSION -> prints path of the downloaded tarball
fetch() {
  local name="$1" version="$2" file
  # Run npm from the scratch dir so no project config/package.json is involved.
  file="$(cd "${WORK}/tgz" && npm pack "${name}@${version}" --ignore-scripts --silent \
          --pack-destination "${WORK}/tgz" 2>/dev/null | tail -n 1)"
  [[ -n "${file}" && -f "${WORK}/tgz/${file}" ]] || { echo "error: npm pack ${name}@${version} failed" >&2; exit 1; }
  printf '%s\n' "${WORK}/tgz/${file}"
}

extract() { node "${WORK}/helper.js" extract "$@"; }
licence_of() { node "${WORK}/helper.js" pkgjson "$1" license; }

echo "Fetching pinned packages from $(cd "${WORK}" && npm config get registry 2>/dev/null) ..."

# 1. nhsuk-frontend: compiled CSS/JS at the folder root, assets/ next to them
#    (mirrors dist/nhsuk/ so the CSS's url(/assets/...) works when that folder
#    is served at /assets - see VENDORED.md).
T_NHSUK="$(fetch nhsuk-frontend "${NHSUK_FRONTEND_VERSION}")"
extract "${T_NHSUK}" "${NHSUK_FRONTEND_INTEGRITY}" "${STAGE}/nhsuk-frontend" \
  "package/dist/nhsuk/nhsuk-frontend.min.css=>nhsuk-frontend.min.css" \
  "package/dist/nhsuk/nhsuk-frontend.min.js=>nhsuk-frontend.min.js" \
  "package/dist/nhsuk/assets/*=>assets"
T_NHSUK_LIC="$(fetch nhsuk-frontend "${NHSUK_FRONTEND_LICENSE_VERSION}")"
extract "${T_NHSUK_LIC}" "${NHSUK_FRONTEND_LICENSE_INTEGRITY}" "${STAGE}/nhsuk-frontend" \
  "package/LICENSE=>LICENSE"

# 2. htmx
T_HTMX="$(fetch htmx.org "${HTMX_VERSION}")"
extract "${T_HTMX}" "${HTMX_INTEGRITY}" "${STAGE}/htmx" \
  "package/dist/htmx.min.js=>htmx.min.js" \
  "package/LICENSE=>LICENSE"

# 3. vega family (UMD builds; load order vega -> vega-lite -> vega-embed)
T_VEGA="$(fetch vega "${VEGA_VERSION}")"
extract "${T_VEGA}" "${VEGA_INTEGRITY}" "${STAGE}/vega" \
  "package/build/vega.min.js=>vega.min.js" \
  "package/LICENSE=>LICENSE.vega"
T_VL="$(fetch vega-lite "${VEGA_LITE_VERSION}")"
extract "${T_VL}" "${VEGA_LITE_INTEGRITY}" "${STAGE}/vega" \
  "package/build/vega-lite.min.js=>vega-lite.min.js" \
  "package/LICENSE=>LICENSE.vega-lite"
T_VE="$(fetch vega-embed "${VEGA_EMBED_VERSION}")"
extract "${T_VE}" "${VEGA_EMBED_INTEGRITY}" "${STAGE}/vega" \
  "package/build/vega-embed.min.js=>vega-embed.min.js" \
  "package/LICENSE=>LICENSE.vega-embed"

# --- VENDORED.md (generated; deterministic, no timestamps) ---------------------
L_NHSUK="$(licence_of "${T_NHSUK}")"
L_HTMX="$(licence_of "${T_HTMX}")"
L_VEGA="$(licence_of "${T_VEGA}")"
L_VL="$(licence_of "${T_VL}")"
L_VE="$(licence_of "${T_VE}")"
FILE_TABLE="$(node "${WORK}/helper.js" filetable "${STAGE}")"

cat > "${STAGE}/VENDORED.md" <<EOF
# Vendored front-end assets

Generated by \`scripts/vendor-frontend.sh\` - do not edit by hand; change the
pinned versions in that script and re-run it. Every file below was extracted
from the package tarball published on the npm registry (\`npm pack\`), verified
against the sha512 integrity pinned in the script. No files were modified.

| Package | Version | Files copied (tarball path -> vendor path) | Licence (package.json) | Licence file | Source |
|---|---|---|---|---|---|
| nhsuk-frontend | ${NHSUK_FRONTEND_VERSION} | \`dist/nhsuk/nhsuk-frontend.min.css\` -> \`nhsuk-frontend/nhsuk-frontend.min.css\`; \`dist/nhsuk/nhsuk-frontend.min.js\` -> \`nhsuk-frontend/nhsuk-frontend.min.js\`; \`dist/nhsuk/assets/**\` -> \`nhsuk-frontend/assets/**\` | ${L_NHSUK} | \`nhsuk-frontend/LICENSE\` (from nhsuk-frontend@${NHSUK_FRONTEND_LICENSE_VERSION}, see note 1) | npm registry |
| htmx.org | ${HTMX_VERSION} | \`dist/htmx.min.js\` -> \`htmx/htmx.min.js\` | ${L_HTMX} (SPDX: 0BSD) | \`htmx/LICENSE\` | npm registry |
| vega | ${VEGA_VERSION} | \`build/vega.min.js\` -> \`vega/vega.min.js\` | ${L_VEGA} | \`vega/LICENSE.vega\` | npm registry |
| vega-lite | ${VEGA_LITE_VERSION} | \`build/vega-lite.min.js\` -> \`vega/vega-lite.min.js\` | ${L_VL} | \`vega/LICENSE.vega-lite\` | npm registry |
| vega-embed | ${VEGA_EMBED_VERSION} | \`build/vega-embed.min.js\` -> \`vega/vega-embed.min.js\` | ${L_VE} | \`vega/LICENSE.vega-embed\` | npm registry |

## Notes

1. **nhsuk-frontend licence file.** The ${NHSUK_FRONTEND_VERSION} tarball contains no LICENSE
   file; its package.json declares \`MIT\` and its README says "The codebase is released
   under the MIT Licence". \`nhsuk-frontend/LICENSE\` is the verbatim MIT text from the
   nhsuk-frontend@${NHSUK_FRONTEND_LICENSE_VERSION} tarball (last release that ships one).
2. **nhsuk-frontend CSS asset URLs are root-absolute.** The compiled CSS references
   \`url(/assets/images/nhsuk-icon-{arrow-down,arrow-up,arrow-up-down,cross}.svg)\`
   (sortable table headers, search-input clear button). They resolve only if
   \`nhsuk-frontend/assets/\` is served at \`/assets\`, e.g. in FastAPI:
   \`app.mount("/assets", StaticFiles(directory=<static>/vendor/nhsuk-frontend/assets), name="nhsuk-assets")\`.
   Favicons/manifest are also in \`nhsuk-frontend/assets/\` (\`manifest.json\` uses paths relative to itself).
3. **Fonts come from an external CDN.** The CSS loads Frutiger from
   \`https://assets.nhs.uk/fonts/FrutigerLTW01-{55Roman,65Bold}.woff2/.woff\` (not redistributable,
   not vendored). A CSP needs \`font-src https://assets.nhs.uk\`; without it the
   CSS falls back to Arial/sans-serif.
4. **nhsuk-frontend JS is an ES module** (ends in \`export{...}\`): load it with
   \`<script type="module">import { initAll } from "…/nhsuk-frontend.min.js"; initAll()</script>\`.
5. The minified CSS/JS files end in \`sourceMappingURL\` comments; the maps are
   deliberately not vendored (browser devtools may log a 404, harmless).
6. **vega compatibility.** vega-embed ${VEGA_EMBED_VERSION} peerDependencies are \`vega: *\`, \`vega-lite: *\`
   (its devDependencies pin vega ^6.4.0, vega-lite ^6.4.3); vega-lite ${VEGA_LITE_VERSION} peerDependency
   is vega ^6.4.0. The pinned set satisfies all of these. The UMD builds expect
   globals, so load in order: vega.min.js, vega-lite.min.js, vega-embed.min.js.
7. The vega/vega-lite/vega-embed minified bundles include their own npm
   dependencies (d3-*, vega-* modules, vega-tooltip, vega-themes, semver,
   fast-json-patch, etc.; permissive MIT/ISC/BSD/0BSD licences) whose licence
   texts are not shipped in the tarballs and so are not reproduced here.

## Files

| Path (relative to this folder) | Bytes | sha256 |
|---|---|---|
${FILE_TABLE}
EOF

# --- replace the vendor folder with the staged copy ----------------------------
rm -rf -- "${VENDOR_DIR}"
mkdir -p -- "$(dirname -- "${VENDOR_DIR}")"
cp -R -- "${STAGE}" "${VENDOR_DIR}"

echo "Vendored into ${VENDOR_DIR}:"
(cd "${VENDOR_DIR}" && find . -type f | LC_ALL=C sort | sed 's|^\./|  |')
