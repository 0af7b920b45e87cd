"""Export scikit-learn's offline 8x8 handwritten digits to CSV (no network needed).

Writes, next to this script:
  train.csv        1347 rows: p0..p63 (pixel / 16, row-major 8x8 = NHWC [8, 8, 1]), label
  test.csv          450 rows: same columns (stratified 25 % split, random_state=0)
  calibration.csv   first 200 training rows, pixels only (header p0..p63)
  inputs.csv        first 20 test rows, pixels only (for `smelt run`)

Pixel values are multiples of 1/16, so every value is exact in decimal and in float32.
Re-running gives identical bytes.
"""

import os
import sys

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from smelt_model import write_csv  # noqa: E402

SPLIT_SEED = 0
TEST_FRACTION = 0.25
CALIBRATION_ROWS = 200
INPUT_ROWS = 20


def main():
    digits = load_digits()
    x = digits.data.astype(np.float64) / 16.0  # [1797, 64], row-major 8x8
    y = digits.target.astype(np.int64)
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=TEST_FRACTION, stratify=y, random_state=SPLIT_SEED)

    pixels = [f"p{i}" for i in range(64)]
    write_csv(os.path.join(HERE, "train.csv"), pixels + ["label"],
              [list(r) + [int(l)] for r, l in zip(x_train, y_train)])
    write_csv(os.path.join(HERE, "test.csv"), pixels + ["label"],
              [list(r) + [int(l)] for r, l in zip(x_test, y_test)])
    write_csv(os.path.join(HERE, "calibration.csv"), pixels, x_train[:CALIBRATION_ROWS])
    write_csv(os.path.join(HERE, "inputs.csv"), pixels, x_test[:INPUT_ROWS])

    print(f"train {len(y_train)} rows, test {len(y_test)} rows, "
          f"calibration {CALIBRATION_ROWS} rows, inputs {INPUT_ROWS} rows")
    print("test class counts:", np.bincount(y_test, minlength=10).tolist())


if __name__ == "__main__":
    main()
