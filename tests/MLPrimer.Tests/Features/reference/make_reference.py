#!/usr/bin/python3
"""Reference vectors for the MLPrimer.Features tests, produced by scikit-learn itself.

How to run (from the repository root; needs Debian's python3-sklearn, i.e. /usr/bin/python3, not a venv):

    /usr/bin/python3 tests/MLPrimer.Tests/Features/reference/make_reference.py

It (re)writes, next to this script:
  hashing_reference.json     sklearn.utils.murmurhash3_32 of many keys and FeatureHasher outputs (CSR arrays)
  polynomial_reference.json  PolynomialFeatures outputs, powers_ and feature names
  onehot_reference.json      OneHotEncoder categories_, feature names and outputs

Everything is deterministic (fixed seeds); the files record the sklearn/numpy/scipy versions that made them.
"""
import json
import os
import random

import numpy as np
import scipy
import sklearn
from sklearn.feature_extraction import FeatureHasher
from sklearn.preprocessing import OneHotEncoder, PolynomialFeatures
from sklearn.utils import murmurhash3_32

HERE = os.path.dirname(os.path.abspath(__file__))
VERSIONS = {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__}


def write(name, payload):
    payload = {"generated_by": "make_reference.py", "versions": VERSIONS, **payload}
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(payload, f, ensure_ascii=False, indent=1, allow_nan=False)
        f.write("\n")


# ---------------------------------------------------------------- keys hashing to INT_MIN
# MurmurHash3 is a bijection on each 4-byte block and on its finaliser, so for an 8-byte key we can pick the
# first block and solve for the second block that makes the final hash 0x80000000 (= -2**31 signed).
MASK = 0xFFFFFFFF
C1, C2 = 0xCC9E2D51, 0x1B873593


def rotl(x, r):
    return ((x << r) | (x >> (32 - r))) & MASK


def rotr(x, r):
    return ((x >> r) | (x << (32 - r))) & MASK


def modinv(a):
    return pow(a, -1, 1 << 32)


def undo_xorshift(h, s):
    r = h
    for _ in range(32 // s + 1):
        r = h ^ (r >> s)
    return r & MASK


def undo_fmix(h):
    h = undo_xorshift(h, 16)
    h = (h * modinv(0xC2B2AE35)) & MASK
    h = undo_xorshift(h, 13)
    h = (h * modinv(0x85EBCA6B)) & MASK
    return undo_xorshift(h, 16)


def mix_block(h, k):
    k = (k * C1) & MASK
    k = rotl(k, 15)
    k = (k * C2) & MASK
    h ^= k
    h = rotl(h, 13)
    return (h * 5 + 0xE6546B64) & MASK


def keys_hashing_to_int_min(count):
    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz"
    found = []
    before_fmix = undo_fmix(0x80000000) ^ 8  # 8 = key length, xored in before the finaliser
    while len(found) < count:
        prefix = "".join(rng.choice(letters) for _ in range(4)).encode()
        h1 = mix_block(0, int.from_bytes(prefix, "little"))
        mixed = rotr((((before_fmix - 0xE6546B64) & MASK) * modinv(5)) & MASK, 13) ^ h1
        k = (rotr((mixed * modinv(C2)) & MASK, 15) * modinv(C1)) & MASK
        block = k.to_bytes(4, "little")
        if all(chr(b).isalnum() and b < 128 for b in block):
            key = (prefix + block).decode("ascii")
            assert murmurhash3_32(key) == -(2**31)
            found.append(key)
    return found


INT_MIN_KEYS = keys_hashing_to_int_min(3)

# ---------------------------------------------------------------- murmurhash3_32
rng = random.Random(20240601)
alphabet = "abcxyzABC019 _=-^|.éüß日本語中文😀🚀\u00a0\u200b\uffff\U0010fffd"
keys = ["", "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh", "hello", "Hello, World!",
        "user_id=user1", "ad_id=ad1", "age=25", "gender=M", "color=red", "shape=circle",
        "é", "ü", "日本語", "中文字符", "😀", "naïve café", "Ωμέγα", "a😀b", "\u0000", "\u0000\u0000\u0000\u0000",
        "x" * 100, "é" * 200, "日" * 300, "😀" * 150, "long key " * 120] + INT_MIN_KEYS
for _ in range(200):
    n = rng.randrange(0, 40)
    keys.append("".join(rng.choice(alphabet) for _ in range(n)))

murmur = []
for key in keys:
    for seed in (0, 1, 42, 2**32 - 1):
        murmur.append({"key": key, "seed": seed,
                       "hash": int(murmurhash3_32(key, seed=seed)),
                       "hash_positive": int(murmurhash3_32(key, seed=seed, positive=True))})
murmur_int = []
for key in [0, 1, -1, 42, 2**31 - 1, -(2**31), 123456789, -987654321]:
    for seed in (0, 7):
        murmur_int.append({"key": key, "seed": seed, "hash": int(murmurhash3_32(key, seed=seed))})

# ---------------------------------------------------------------- FeatureHasher
def csr(X):
    return {"indptr": X.indptr.tolist(), "indices": X.indices.tolist(), "data": X.data.tolist()}


cases = []


def add_case(name, input_type, n_features, alternate_sign, rows):
    # JSON can hold the dict rows directly; pair rows become [name, value] lists.
    X = FeatureHasher(n_features=n_features, input_type=input_type, alternate_sign=alternate_sign).transform(
        [list(map(tuple, r)) for r in rows] if input_type == "pair" else rows)
    assert X.shape == (len(rows), n_features)
    cases.append({"name": name, "input_type": input_type, "n_features": n_features,
                  "alternate_sign": alternate_sign, "rows": rows, **csr(X)})


ctr = [
    {"user_id": "user1", "ad_id": "ad1", "age": "25", "gender": "M", "clicked": 1},
    {"user_id": "user2", "ad_id": "ad2", "age": "30", "gender": "F", "clicked": 0},
    {"user_id": "user3", "ad_id": "ad3", "age": "35", "gender": "M", "clicked": 0},
    {"user_id": "user4", "ad_id": "ad4", "age": "40", "gender": "F", "clicked": 1},
]
add_case("primer_ctr", "dict", 20, True, [{k: v for k, v in item.items() if k != "clicked"} for item in ctr])
add_case("primer_color_shape", "dict", 20, True, [
    {"color": "red", "shape": "circle"},
    {"color": "blue", "shape": "triangle"},
    {"color": "green", "shape": "square"},
])
add_case("sklearn_doc_dict", "dict", 10, True, [{"dog": 1, "cat": 2, "elephant": 4}, {"dog": 2, "run": 5}])
add_case("sklearn_doc_string", "string", 8, True, [["dog", "cat", "snake"], ["snake", "dog"], ["cat", "bird"]])

words = ["dog", "cat", "snake", "bird", "run", "jump", "red", "blue", "日本", "café", "😀", "", "a=b", "x^y", "v123"]
numeric_values = [1, 2, -3, 0.5, -0.25, 4, 0, 7, 1.5, 10]
for n_features in (1, 7, 20, 2**20):
    for alternate_sign in (True, False):
        r = random.Random(n_features * 2 + alternate_sign)
        tag = f"n{n_features}_{'alt' if alternate_sign else 'noalt'}"
        # dict with text values, numeric values and both (bools are numbers to sklearn: True == 1)
        add_case(f"dict_text_{tag}", "dict", n_features, alternate_sign,
                 [{f"f{j}": r.choice(words) for j in range(r.randrange(0, 6))} for _ in range(12)])
        add_case(f"dict_numeric_{tag}", "dict", n_features, alternate_sign,
                 [{r.choice(words) + str(j): r.choice(numeric_values) for j in range(r.randrange(0, 6))} for _ in range(12)])
        add_case(f"dict_mixed_{tag}", "dict", n_features, alternate_sign,
                 [{"num": r.choice(numeric_values), "cat": r.choice(words), "flag": r.choice([True, False]),
                   r.choice(words): r.choice(words)} for _ in range(12)])
        # pairs, names repeating inside a row so values add up
        add_case(f"pair_{tag}", "pair", n_features, alternate_sign,
                 [[[r.choice(words[:6]), r.choice(numeric_values)] for _ in range(r.randrange(0, 8))] for _ in range(12)])
        # strings, repeated strings accumulate
        add_case(f"string_{tag}", "string", n_features, alternate_sign,
                 [[r.choice(words) for _ in range(r.randrange(0, 10))] for _ in range(12)])
        add_case(f"string_int_min_{tag}", "string", n_features, alternate_sign,
                 [INT_MIN_KEYS, [INT_MIN_KEYS[0], INT_MIN_KEYS[0], "dog"], []])

# Long rows (whole documents: hundreds of tokens, many repeats and collisions) take the long-row sort path.
r = random.Random(7)
add_case("string_long_rows", "string", 64, True,
         [[r.choice(words) + str(r.randrange(40)) for _ in range(length)] for length in (65, 300, 1200)])
add_case("pair_long_rows", "pair", 16, True,
         [[[r.choice(words) + str(r.randrange(20)), r.choice(numeric_values) / 3] for _ in range(length)]
          for length in (65, 500)])

# Cancellation: a value and its negative on the same column leave an explicit zero; zero inputs are skipped.
add_case("pair_cancellation", "pair", 1, True, [[["a", 1.0], ["a", -1.0], ["b", 0.0]], [["a", 2], ["a", 3]], []])

write("hashing_reference.json", {"int_min_keys": INT_MIN_KEYS, "murmurhash3_32": murmur,
                                  "murmurhash3_32_int": murmur_int, "feature_hasher": cases})

# ---------------------------------------------------------------- PolynomialFeatures
poly_cases = []
nr = np.random.RandomState(0)
inputs = {
    "primer": [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
    "random_4x3": np.round(nr.uniform(-3, 3, size=(4, 3)), 3).tolist(),
    "random_3x4": nr.uniform(-2, 2, size=(3, 4)).tolist(),
    "one_column": [[2.0], [-1.5], [0.0]],
}
for name, X in inputs.items():
    for degree in (1, 2, 3):
        for interaction_only in (False, True):
            for include_bias in (True, False):
                p = PolynomialFeatures(degree=degree, interaction_only=interaction_only, include_bias=include_bias)
                Y = p.fit_transform(np.asarray(X, dtype=np.float64))
                poly_cases.append({"name": name, "degree": degree, "interaction_only": interaction_only,
                                   "include_bias": include_bias, "X": X, "output": Y.tolist(),
                                   "powers": p.powers_.tolist(), "feature_names": p.get_feature_names_out().tolist()})
write("polynomial_reference.json", {"cases": poly_cases})

# ---------------------------------------------------------------- OneHotEncoder
text_train = [["red", "S"], ["blue", "M"], ["green", None], ["Red", "M"], ["blue", "L"], ["é", "S"], ["😀", "XL"], ["\uffff", "S"]]
text_test = [["blue", "S"], ["purple", "M"], ["red", None], ["green", "XXL"]]
num_train = [[5.1, 3.5], [4.9, 3.0], [5.1, 1e20], [6.0, 0.0001], [4.9, -2.5], [1e16, 3.0]]
num_test = [[5.1, 3.0], [7.7, 3.5]]
onehot_cases = []
for kind, train, test in (("text", text_train, text_test), ("numeric", num_train, num_test)):
    dtype = object if kind == "text" else np.float64
    enc = OneHotEncoder(handle_unknown="ignore").fit(np.array(train, dtype=dtype))
    onehot_cases.append({
        "kind": kind, "train": train, "test": test,
        "categories": [c.tolist() for c in enc.categories_],
        "feature_names": enc.get_feature_names_out().tolist(),
        "feature_names_custom": enc.get_feature_names_out([f"col{i}" for i in range(len(train[0]))]).tolist(),
        "train_dense": enc.transform(np.array(train, dtype=dtype)).toarray().tolist(),
        "test_dense_ignore": enc.transform(np.array(test, dtype=dtype)).toarray().tolist(),
    })
write("onehot_reference.json", {"cases": onehot_cases})
print("wrote hashing_reference.json, polynomial_reference.json, onehot_reference.json to", HERE)
