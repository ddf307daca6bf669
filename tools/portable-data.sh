#!/bin/sh
# tools/portable-data.sh SOURCE OUTDIR MATCH_OBJ - the ICU data the portable
# build links in.  SOURCE is ICU's data as a static library (Debian's
# libicudata.a holds the whole package as one array, icudtNN_dat) or as a
# package file (icudtNNl.dat, where a distribution ships ICU's data that
# way); MATCH_OBJ is any object of the target, whose architecture the new
# object takes.  This keeps only the items richcheck can reach (icupkg -r)
# and turns what is left into an object defining icudtNN_dat (genccode -o),
# so that ICU finds it where it finds its own.  Writes OUTDIR/icudt.o,
# OUTDIR/reduced/icudtNNl.dat (icupkg wants a package's file named as the
# package) and the item lists full.lst, keep.lst and remove.lst; the full
# package (31 MB for ICU 72) is removed.  OBJCOPY and NM name the binutils
# (a cross build's).
#
# What richcheck reaches (notes/issue15-portable.md says how it was found):
#   - uts46.nrm, nfkc.nrm, nfkc_cf.nrm: IDNA UTS #46 and the normalizers
#     (NFC and NFD are built into the code: nfc.nrm is no item);
#   - brkitr/root.res and brkitr/char.brk: the grapheme break iterator
#     (no locale overrides the grapheme rules; no dictionary is needed);
#   - uemoji.icu and ulayout.icu: Extended_Pictographic and
#     Indic_Syllabic_Category, which ext/grapheme.c reads for its table
#     (without them the table is not built and ICU's iterator counts every
#     value: test/portable.test runs the grapheme differential test on this
#     data);
#   - every locale's main bundle and every curr/ bundle: money_format and
#     money_parse take any locale, so none can go;
#   - the supplemental bundles that number and currency formatting and
#     locale handling read: numberingSystems, supplementalData, plurals,
#     likelySubtags, metadata, keyTypeData, currencyNumericCodes, and
#     icuver/icustd (ICU's data version).
# Everything else goes: collation, time zones, language, region and unit
# names, rule-based number formats, transliterators, the other break
# rules and their dictionaries, character converters, StringPrep profiles,
# spoof data, character names.
set -eu
src=$1
out=$2
match=$3
OBJCOPY=${OBJCOPY:-objcopy}
NM=${NM:-nm}
mkdir -p "$out"
rm -rf "$out/ar" "$out/full" "$out/reduced"
mkdir "$out/full" "$out/reduced"
case "$src" in
*.dat)
  pkg=$(basename "$src" .dat)
  case "$pkg" in icudt[0-9]*[lbe]) ;; *)
    echo "portable-data.sh: $src is not named as ICU's data package (icudtNNl.dat)" >&2
    exit 1 ;;
  esac
  full=$out/full/$pkg.dat
  cp "$src" "$full"
  entry=${pkg%?}
  ;;
*)
  mkdir "$out/ar"
  (cd "$out/ar" && ar x "$(cd "$(dirname "$src")" && pwd)/$(basename "$src")")
  obj=$(ls "$out"/ar/*.o)
  sym=$($NM "$obj" | awk '$2 == "R" && $3 ~ /^icudt[0-9]+_dat$/ { print $3 }')
  [ -n "$sym" ] || { echo "portable-data.sh: no icudtNN_dat in $src" >&2; exit 1; }
  entry=${sym%_dat}
  # l: little-endian ASCII, b: big-endian ASCII, as the target is
  if LC_ALL=C readelf -h "$obj" | grep -q 'big endian'; then pkg=${entry}b; else pkg=${entry}l; fi
  full=$out/full/$pkg.dat
  # The array is the only thing in .rodata: the .dat file, byte for byte.
  $OBJCOPY -O binary -j .rodata "$obj" "$full"
  ;;
esac
sym=${entry}_dat
reduced=$out/reduced/$pkg.dat

icupkg -l "$full" > "$out/full.lst.tmp"
sort "$out/full.lst.tmp" > "$out/full.lst"
rm "$out/full.lst.tmp"
grep -E '^(([a-z]{2,3}(_[A-Za-z0-9]+)*|root|pool|res_index)\.res|curr/.*|uts46\.nrm|nfkc\.nrm|nfkc_cf\.nrm|uemoji\.icu|ulayout\.icu|brkitr/(root\.res|char\.brk|res_index\.res)|(numberingSystems|supplementalData|plurals|likelySubtags|metadata|keyTypeData|currencyNumericCodes|icuver|icustd)\.res)$' \
  "$out/full.lst" > "$out/keep.lst"
comm -23 "$out/full.lst" "$out/keep.lst" > "$out/remove.lst"
# Every item named above must be there: a missing one is a changed ICU.
for want in uts46.nrm nfkc.nrm nfkc_cf.nrm brkitr/root.res brkitr/char.brk \
  root.res en.res curr/root.res curr/en.res supplementalData.res \
  numberingSystems.res; do
  grep -qx "$want" "$out/keep.lst" ||
    { echo "portable-data.sh: ICU data has no $want" >&2; exit 1; }
done
# brkitr/root.res names every break rule and dictionary; only char.brk is
# kept, so those dependencies, and no others, may be missing.
icupkg --ignore-deps -r "$out/remove.lst" "$full" "$reduced" >"$out/icupkg.log" 2>&1 ||
  { cat "$out/icupkg.log"; exit 1; }
if grep -v -E '^Item brkitr/root\.res depends on missing item brkitr/[a-z_]+\.(brk|dict)$' \
  "$out/icupkg.log" | grep .; then
  echo "portable-data.sh: icupkg: a dependency other than the break rules is missing" >&2
  exit 1
fi

rm -rf "$out/gen"
mkdir "$out/gen"
genccode -q -o -m "$match" -e "$entry" -d "$out/gen" "$reduced" >/dev/null
mv "$out"/gen/*.o "$out/icudt.o"
$NM "$out/icudt.o" | grep -q " R $sym\$" ||
  { echo "portable-data.sh: genccode wrote no $sym" >&2; exit 1; }
echo "portable-data.sh: $(wc -l < "$out/keep.lst") of $(wc -l < "$out/full.lst") items," \
  "$(wc -c < "$reduced") of $(wc -c < "$full") bytes"
rm -rf "$out/ar" "$out/full" "$out/gen"
