#!/usr/bin/env bash
# Regenerates Examples/fleet/models/*.model.jsonld with `smelt catalog describe` (deterministic).
# Run from the repository root: bash Examples/fleet/make_models.sh [path/to/smelt]
set -euo pipefail
SMELT="${1:-.build/debug/smelt}"
OUT=Examples/fleet/models
mkdir -p "$OUT"
"$SMELT" catalog describe Examples/digits/digits.json --calibration Examples/digits/calibration.csv \
    --sensor camera=one --test Examples/digits/test.csv --dataset "scikit-learn digits, 450 test images" \
    -o "$OUT/digits.model.jsonld"
"$SMELT" catalog describe Examples/sine/sine.json --calibration Examples/sine/calibration.csv \
    --sensor encoder=radian --accuracy 2.1e-5 --metric "mean squared error (float model)" \
    --dataset "sin(x), x in [0, 2 pi]" -o "$OUT/sine.model.jsonld"
"$SMELT" catalog describe reference:ds-cnn --sensor microphone=decibel \
    --task "keyword spotting (reference shape, random weights)" -o "$OUT/ds_cnn.model.jsonld"
"$SMELT" catalog describe reference:autoencoder --sensor microphone=decibel \
    --task "anomaly detection (reference shape, random weights)" -o "$OUT/autoencoder.model.jsonld"
"$SMELT" catalog describe reference:presence --trainable head --training float32 -o "$OUT/presence.model.jsonld"
"$SMELT" catalog describe reference:gesture -o "$OUT/gesture.model.jsonld"
# The embedded default catalog is a copy of this fleet (a test checks they are identical).
rm -rf Sources/SmeltCatalog/DefaultCatalog
mkdir -p Sources/SmeltCatalog/DefaultCatalog
cp -R Examples/fleet/models Examples/fleet/devices Sources/SmeltCatalog/DefaultCatalog/
[[ -d Examples/fleet/boards ]] && cp -R Examples/fleet/boards Sources/SmeltCatalog/DefaultCatalog/
echo "regenerated $OUT and Sources/SmeltCatalog/DefaultCatalog"
