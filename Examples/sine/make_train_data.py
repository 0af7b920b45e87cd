"""Write the training and test sets used by `smelt train` on the sine MLP.

Writes, next to this script:
  train.csv   header x,y; 1000 seeded-uniform x in [0, 2*pi] (seed 11), y = sin(x)
  test.csv    header x,y; 200 evenly spaced x from 0 to 2*pi, y = sin(x)

x is rounded to 4 decimals first and y is sin of the rounded x, so a row is self-consistent.
Re-running gives identical bytes.
"""

import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from smelt_model import write_csv  # noqa: E402

TWO_PI = 2.0 * np.pi


def rows(x):
    x = np.round(x, 4)
    return np.stack([x, np.sin(x)], axis=1)


def main():
    rng = np.random.default_rng(11)
    write_csv(os.path.join(HERE, "train.csv"), ["x", "y"], rows(rng.uniform(0.0, TWO_PI, 1000)))
    write_csv(os.path.join(HERE, "test.csv"), ["x", "y"], rows(np.linspace(0.0, TWO_PI, 200)))
    print("wrote train.csv (1000 rows), test.csv (200 rows)")


if __name__ == "__main__":
    main()
