"""Reference values for tests/MLPrimer.Tests/Compression/AffineQuantizerTests.cs, from PyTorch.

Run from the repository root with Debian's Python (torch installed there):
    /usr/bin/python3 tests/MLPrimer.Tests/Compression/reference/make_quantization_reference.py
It rewrites quantization-reference.json: for a seeded float32 matrix it stores the qint8 scale and zero point that
torch.ao.quantization.MinMaxObserver / PerChannelMinMaxObserver choose (affine and symmetric), the integers
torch.quantize_per_tensor / torch.quantize_per_channel(axis=0) produce with them, and the dequantized values.
"""
import json
import os

import torch
from torch.ao.quantization import MinMaxObserver, PerChannelMinMaxObserver

here = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(0)
# 6 rows x 10 columns; rows get different ranges (one all-positive, one tiny) so per-channel parameters differ.
w = torch.randn(6, 10)
w[1] = w[1].abs() + 0.5
w[2] = w[2] * 0.01
w[3] = w[3] * 5.0
out = {"rows": 6, "columns": 10, "values": w.flatten().tolist(), "cases": []}

for name, qscheme_t, qscheme_c in [("affine", torch.per_tensor_affine, torch.per_channel_affine),
                                   ("symmetric", torch.per_tensor_symmetric, torch.per_channel_symmetric)]:
    obs = MinMaxObserver(dtype=torch.qint8, qscheme=qscheme_t)
    obs(w)
    scale, zp = obs.calculate_qparams()
    q = torch.quantize_per_tensor(w, float(scale), int(zp), torch.qint8)
    out["cases"].append({"name": f"per-tensor {name}", "symmetric": name == "symmetric", "perChannel": False,
                         "scales": [float(scale)], "zeroPoints": [int(zp)],
                         "q": q.int_repr().flatten().tolist(), "dequantized": q.dequantize().flatten().tolist()})
    obs = PerChannelMinMaxObserver(ch_axis=0, dtype=torch.qint8, qscheme=qscheme_c)
    obs(w)
    scales, zps = obs.calculate_qparams()
    q = torch.quantize_per_channel(w, scales.double(), zps.long(), 0, torch.qint8)
    out["cases"].append({"name": f"per-channel {name}", "symmetric": name == "symmetric", "perChannel": True,
                         "scales": scales.double().tolist(), "zeroPoints": zps.long().tolist(),
                         "q": q.int_repr().flatten().tolist(), "dequantized": q.dequantize().flatten().tolist()})

with open(os.path.join(here, "quantization-reference.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("wrote quantization-reference.json with torch", torch.__version__)
