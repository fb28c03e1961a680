#!/usr/bin/env python3
"""Independent numpy forward passes of the paper's MGU and LSTM RNNs (Section 5), no biases.

MGU (Section 5, "MGU"), h_0 = 0:
    r_t  = sigma(W_r x_t + U_r h_{t-1})
    h~_t = tanh(W_h x_t + U_h (r_t * h_{t-1}))          (* = Hadamard product)
    h_t  = (1 - r_t) * h_{t-1} + r_t * h~_t
    y_t  = sigma_y(V h_t)
LSTM (Section 5, "LSTM"), h_0 = c_0 = 0:
    g_t  = sigma(W_g x_t + U_g h_{t-1})
    r_t  = sigma(W_r x_t + U_r h_{t-1})
    o_t  = sigma(W_o x_t + U_o h_{t-1})
    c~_t = tanh(W_c x_t + U_c h_{t-1})
    c_t  = g_t * c_{t-1} + r_t * c~_t
    h_t  = o_t * tanh(c_t)
    y_t  = sigma_y(V h_t)
sigma is the logistic sigmoid 1 / (1 + exp(-x)); here sigma_y is the identity.

Garbled in seed.txt and read as above: the MGU candidate line lost its tilde and its Hadamard
product ("ht = sigma_h (Whxt + Uh (rt ht-1))"; Appendix C.1 confirms U_h(h_{t-1} * r_t)); the LSTM
lines "gt = sigma(WgXt + Ug hi)" and "r = sigma(Wr Xt + Ur ht-l)" are read with h_{t-1}; the
Hadamard products in c_t and h_t are restored.

Writes forward_fixture.json next to this script. Every float is written by json, i.e. with
Python's shortest round-trip repr, so each double is reproduced exactly. Per case: model, sizes,
activations, weights (lists of rows), inputs x_1..x_t (inputs[s-1] = x_s) and every state for
s = 1..t (states[name][s-1] is the value at step s; h_0 = 0 and c_0 = 0 are not stored).
Run: python3 test-data/reference/forward_numpy.py
"""
import json
import os

import numpy as np

SEED = 20190417
WEIGHT_SCALE = 0.5  # weights ~ N(0, 0.5^2): gates well inside (0, 1), states of moderate size


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def mgu(w, xs):
    dh = w["W_r"].shape[0]
    h = np.zeros(dh)
    out = {"r": [], "h_tilde": [], "h": [], "y": []}
    for x in xs:
        r = sigmoid(w["W_r"] @ x + w["U_r"] @ h)
        h_tilde = np.tanh(w["W_h"] @ x + w["U_h"] @ (r * h))
        h = (1.0 - r) * h + r * h_tilde
        y = w["V"] @ h
        for k, v in (("r", r), ("h_tilde", h_tilde), ("h", h), ("y", y)):
            out[k].append(v)
    return out


def lstm(w, xs):
    dh = w["W_g"].shape[0]
    h = np.zeros(dh)
    c = np.zeros(dh)
    out = {"g": [], "r": [], "o": [], "c_tilde": [], "c": [], "h": [], "y": []}
    for x in xs:
        g = sigmoid(w["W_g"] @ x + w["U_g"] @ h)
        r = sigmoid(w["W_r"] @ x + w["U_r"] @ h)
        o = sigmoid(w["W_o"] @ x + w["U_o"] @ h)
        c_tilde = np.tanh(w["W_c"] @ x + w["U_c"] @ h)
        c = g * c + r * c_tilde
        h = o * np.tanh(c)
        y = w["V"] @ h
        for k, v in (("g", g), ("r", r), ("o", o), ("c_tilde", c_tilde), ("c", c), ("h", h), ("y", y)):
            out[k].append(v)
    return out


MODELS = {
    "MGU": (["W_r", "W_h"], ["U_r", "U_h"], mgu),
    "LSTM": (["W_g", "W_r", "W_o", "W_c"], ["U_g", "U_r", "U_o", "U_c"], lstm),
}


def make_case(rng, model, dh, dx, dy, t):
    w_names, u_names, forward = MODELS[model]
    w = {}
    for n in w_names:
        w[n] = WEIGHT_SCALE * rng.standard_normal((dh, dx))
    for n in u_names:
        w[n] = WEIGHT_SCALE * rng.standard_normal((dh, dh))
    w["V"] = WEIGHT_SCALE * rng.standard_normal((dy, dh))
    xs = rng.uniform(-1.0, 1.0, size=(t, dx))
    states = forward(w, xs)
    return {
        "name": f"{model.lower()}_dh{dh}_dx{dx}_dy{dy}_t{t}",
        "model": model,
        "d_h": dh, "d_x": dx, "d_y": dy, "t": t,
        "activations": {"sigma": "sigmoid", "sigma_h" if model == "MGU" else "sigma_c": "tanh",
                        "sigma_y": "identity"},
        "weights": {n: [[float(e) for e in row] for row in m] for n, m in w.items()},
        "inputs": [[float(e) for e in x] for x in xs],
        "states": {k: [[float(e) for e in v] for v in vs] for k, vs in states.items()},
    }


def main():
    rng = np.random.default_rng(SEED)
    cases = []
    for model in ("MGU", "LSTM"):
        cases.append(make_case(rng, model, dh=4, dx=3, dy=2, t=7))
        cases.append(make_case(rng, model, dh=1, dx=1, dy=1, t=1))
    doc = {
        "generator": "test-data/reference/forward_numpy.py",
        "numpy": np.__version__,
        "seed": SEED,
        "conventions": "inputs[s-1] = x_s; states[k][s-1] = value at step s = 1..t; h_0 = c_0 = 0 not stored; "
                       "no biases; sigma = 1/(1+exp(-x))",
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "forward_fixture.json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    # Round-trip check: the written text reproduces every double exactly.
    with open(path) as f:
        back = json.load(f)
    assert back == json.loads(json.dumps(doc)), "JSON round trip changed a value"
    for case in cases:
        hs = np.array(case["states"]["h"])
        line = f"{case['name']}: {case['t']} steps, max |h| = {float(np.abs(hs).max())!r}"
        if case["model"] == "LSTM":
            line += f", max |c| = {float(np.abs(np.array(case['states']['c'])).max())!r}"
        else:
            line += f", r in [{float(np.min(case['states']['r']))!r}, {float(np.max(case['states']['r']))!r}]"
        print(line)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
