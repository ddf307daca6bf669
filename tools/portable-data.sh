#!/bin/sh
# tools/portable-data.sh LIBICUDATA_A OUTDIR - the ICU data the portable
# build links in: Debian's libicudata.a holds ICU's whole data package as
# one array (icudtNN_dat); this takes it out as a .dat, keeps only the items
# richcheck can reach (icupkg -r), and turns what is left back into an
# object defining the same symbol (genccode -o), so that ICU finds it where
# it finds its own.  Writes OUTDIR/icudt.o, OUTDIR/reduced/icudtNNl.dat
# (icupkg wants a package's file named as the package) and the item lists
# full.lst, keep.lst and remove.lst; the full package (31 MB) is removed.
#
# What richcheck reaches (notes/issue15-portable.md says how it was found):
#   - uts46.nrm, nfkc.nrm, nfkc_cf.nrm: IDNA UTS #46 and the normalizers
#     (NFC and NFD are built into the code: nfc.nrm is no item);
#   - brkitr/root.res and brkitr/char.brk: the grapheme break iterator
#     (no locale overrides the grapheme rules; no dictionary is needed);
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
lib=$1
out=$2
mkdir -p "$out"
rm -rf "$out/ar"
mkdir "$out/ar"
(cd "$out/ar" && ar x "$lib")
obj=$(ls "$out"/ar/*.o)
sym=$(nm "$obj" | awk '$2 == "R" && $3 ~ /^icudt[0-9]+_dat$/ { print $3 }')
[ -n "$sym" ] || { echo "portable-data.sh: no icudtNN_dat in $lib" >&2; exit 1; }
entry=${sym%_dat}
full=$out/full/${entry}l.dat
reduced=$out/reduced/${entry}l.dat
rm -rf "$out/full" "$out/reduced"
mkdir "$out/full" "$out/reduced"

# The array is the only thing in .rodata: the .dat file, byte for byte.
objcopy -O binary -j .rodata "$obj" "$full"
icupkg -l "$full" > "$out/full.lst.tmp"
sort "$out/full.lst.tmp" > "$out/full.lst"
rm "$out/full.lst.tmp"
grep -E '^(([a-z]{2,3}(_[A-Za-z0-9]+)*|root|pool|res_index)\.res|curr/.*|uts46\.nrm|nfkc\.nrm|nfkc_cf\.nrm|brkitr/(root\.res|char\.brk|res_index\.res)|(numberingSystems|supplementalData|plurals|likelySubtags|metadata|keyTypeData|currencyNumericCodes|icuver|icustd)\.res)$' \
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
genccode -q -o -m "$obj" -e "$entry" -d "$out/gen" "$reduced" >/dev/null
mv "$out"/gen/*.o "$out/icudt.o"
nm "$out/icudt.o" | grep -q " R $sym\$" ||
  { echo "portable-data.sh: genccode wrote no $sym" >&2; exit 1; }
echo "portable-data.sh: $(wc -l < "$out/keep.lst") of $(wc -l < "$out/full.lst") items," \
  "$(wc -c < "$reduced") of $(wc -c < "$full") bytes"
rm -rf "$out/ar" "$out/full" "$out/gen"
