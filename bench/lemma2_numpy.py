#!/usr/bin/env python3
"""Lemma 2 of the paper (vanilla RNN, Lipschitz in the weights), both sides in numpy.

Each instance draws two weight triples (U, V, W), (U', V', W') at the spectral norms B_U, B_V, B_W,
one input sequence x_1..x_t with ||x_s||_2 = B_x, and evaluates
    lhs = ||y_t - y'_t||_2
    rhs = L_{U,t} ||U - U'||_F + L_{V,t} ||V - V'||_F + L_{W,t} ||W - W'||_F.
Prints one JSON line: instances per second over --n timed instances (after 5 warm-up ones) and
the number of instances with lhs > rhs (1 + 1e-9). Exit status 1 if there is any such violation.
The Java counterpart is run by `./boundcheck bench lemma2` (see bench/README.md).
"""

import argparse
import json
import math
import sys
import time

import numpy as np

WARMUP = 5
RTOL = 1e-9
RHO_H = 1.0  # sigma_h = tanh
RHO_Y = 1.0  # sigma_y = identity or tanh


def geometric(beta, t):
    """(beta^t - 1) / (beta - 1), read as its limit t at beta = 1 (paper, Section 1 and A.2)."""
    if beta == 1.0:
        return float(t)
    # expm1/log1p: the plain closed form loses all digits when beta is merely close to 1.
    return math.expm1(t * math.log1p(beta - 1.0)) / (beta - 1.0)


def lipschitz_constants(t, b_u, b_v, b_w, b_x):
    """L_{U,t}, L_{V,t}, L_{W,t} exactly as stated in Lemma 2 (Section 3):

        a_t     = rho_y rho_h B_x ((rho_h B_U)^t - 1) / (rho_h B_U - 1)
        L_{U,t} = rho_h B_V B_W t a_t
        L_{V,t} = B_W a_t
        L_{W,t} = B_V a_t

    The proof (Appendix A.2) obtains them from eq. (8) (which uses eq. (6) of Lemma 6) and
    Lemma 7 (eq. (9)), with ||A||_2 <= ||A||_F. Lemma 2 uses the geometric term of eq. (6),
    not its min with b sqrt(d).
    """
    beta = RHO_H * b_u
    a_t = RHO_Y * RHO_H * b_x * geometric(beta, t)
    return RHO_H * b_v * b_w * t * a_t, b_w * a_t, b_v * a_t


def at_spectral_norm(rng, rows, cols, bound):
    a = rng.standard_normal((rows, cols))
    return a * (bound / np.linalg.norm(a, 2))


def output(u, v, w, xs, sigma_y):
    h = np.zeros(u.shape[0])  # h_0 = 0
    for x in xs:
        h = np.tanh(u @ h + w @ x)
    return sigma_y(v @ h)


def instance(rng, args, sigma_y, consts):
    """One random instance; returns (lhs, rhs)."""
    dh, dx, dy = args.d_h, args.d_x, args.d_y
    u, u2 = (at_spectral_norm(rng, dh, dh, args.b_u) for _ in range(2))
    w, w2 = (at_spectral_norm(rng, dh, dx, args.b_w) for _ in range(2))
    v, v2 = (at_spectral_norm(rng, dy, dh, args.b_v) for _ in range(2))
    # Nonnegative like Section 6's x in [0,1]^14, then put on the sphere ||x||_2 = B_x, the
    # extreme of Assumption 1, where the bound has the least slack.
    xs = rng.random((args.t, dx))
    xs *= args.b_x / np.linalg.norm(xs, axis=1, keepdims=True)
    lhs = np.linalg.norm(output(u, v, w, xs, sigma_y) - output(u2, v2, w2, xs, sigma_y))
    l_u, l_v, l_w = consts
    rhs = (l_u * np.linalg.norm(u - u2, "fro") + l_v * np.linalg.norm(v - v2, "fro")
           + l_w * np.linalg.norm(w - w2, "fro"))
    return float(lhs), float(rhs)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=200, help="timed instances (default 200)")
    p.add_argument("--seed", type=int, default=0, help="numpy Generator seed (default 0)")
    p.add_argument("--d-h", dest="d_h", type=int, default=128)
    p.add_argument("--d-x", dest="d_x", type=int, default=14)
    # Section 6 does not state d_y (language modelling, K classes); 2 is the smallest multiclass case.
    p.add_argument("--d-y", dest="d_y", type=int, default=2)
    p.add_argument("--t", type=int, default=56)
    p.add_argument("--b-u", dest="b_u", type=float, default=1.0)
    p.add_argument("--b-v", dest="b_v", type=float, default=1.0)
    p.add_argument("--b-w", dest="b_w", type=float, default=1.0)
    p.add_argument("--b-x", dest="b_x", type=float, default=1.0)
    p.add_argument("--sigma-y", dest="sigma_y", choices=["identity", "tanh"], default="identity")
    args = p.parse_args()
    if args.n < 1 or args.t < 1 or min(args.d_h, args.d_x, args.d_y) < 1:
        p.error("--n, --t and the dimensions must be positive")
    if min(args.b_u, args.b_v, args.b_w, args.b_x) <= 0:
        p.error("the norm bounds must be positive")

    sigma_y = np.tanh if args.sigma_y == "tanh" else (lambda z: z)
    consts = lipschitz_constants(args.t, args.b_u, args.b_v, args.b_w, args.b_x)
    rng = np.random.default_rng(args.seed)

    for _ in range(WARMUP):
        instance(rng, args, sigma_y, consts)
    violations = 0
    worst = 0.0
    start = time.perf_counter()
    for _ in range(args.n):
        lhs, rhs = instance(rng, args, sigma_y, consts)
        if not lhs <= rhs * (1 + RTOL):  # "not <=" also counts a NaN as a violation
            violations += 1
        worst = max(worst, lhs / rhs) if rhs > 0 else math.inf
    seconds = time.perf_counter() - start

    print(json.dumps({
        "tool": "numpy", "instances": args.n, "seconds": seconds,
        "instances_per_second": args.n / seconds,
        "d_h": args.d_h, "d_x": args.d_x, "d_y": args.d_y, "t": args.t, "seed": args.seed,
        "sigma_y": args.sigma_y, "violations": violations, "max_lhs_over_rhs": worst,
    }))
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
