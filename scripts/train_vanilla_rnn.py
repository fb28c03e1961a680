#!/usr/bin/env python3
"""Train the Section 6 vanilla RNN on a synthetic long-term-dependency language.

DATA-GENERATION SCRIPT ONLY.  boundcheck (the Java product) never runs Python;
this script exists solely to produce the fixture files under
test-data/section6/ that the Java readers and norm/bound code are tested on.
It needs only Python 3 + numpy (no torch, no internet, no downloaded corpus).

How to run (from the repository root):

    python3 scripts/train_vanilla_rnn.py --seed 0 --out test-data/section6
    python3 scripts/train_vanilla_rnn.py --gradcheck     # finite-difference check only

Model (the paper's Section 6 model, no biases anywhere)
-------------------------------------------------------
    h_0 = 0,  h_s = tanh(U h_{s-1} + W x_s),  y_s = V h_s      (s = 1..t)
    U: 128x128, W: 128x14, V: 14x128, t = 56, sigma_h = tanh.
x_s is the one-hot code of the s-th symbol (so x_s in [0,1]^14 and ||x_s||_2 = 1)
and y_s are the logits for the (s+1)-th symbol; loss = softmax cross-entropy
averaged over all t positions and all sequences of a minibatch.

Data: a synthetic 14-symbol "bracket-recall" language
------------------------------------------------------
The wikitext long-term-dependency data set of the paper is not available
offline, so we generate a small language in which next-symbol prediction
needs memory across many steps.  Symbols 0..11 are "content", 12 = OPEN,
13 = CLOSE.  Each sequence has t+1 = 57 symbols s[0..56]; the inputs are
s[0..55] and the targets s[1..56].

  * A fixed random Markov chain P over the 12 content symbols (rows drawn from
    Dirichlet(0.2), drawn once from the seed) generates all "free" content
    symbols: s[0] is uniform, every other free symbol is drawn from
    P[s[i-1]].
  * Gaps are drawn LOG-UNIFORMLY from {2..40} (draw_gap): g = floor(exp(u)),
    u ~ U[log 2, log 41).  With gaps uniform on {5..40} (first attempt) a
    vanilla RNN trained for the time budget never got above chance (~1/12) on
    recall; the short gaps give the optimiser a foothold, the long ones keep
    the dependency long-range.  A gap g means the key is held for g - 1 steps.
  * Final bracket pair (always present): gap g2 in {2..40}; CLOSE at index 55
    (the last input), OPEN at index p2 = 55 - g2, key s[p2+1] ~ uniform
    content, and the target of the LAST step is s[56] = s[p2+1].  So the
    margin at the last step t measures recall over g2 - 1 steps.
  * Earlier bracket pair (always present, since p2 >= 15): gap
    g1 in {2..min(40, p2-2)}, OPEN at p1 ~ U{0..p2-2-g1}, CLOSE at
    c1 = p1+g1, key s[p1+1] ~ uniform content, recall s[c1+1] = s[p1+1].
  * After a recalled symbol the Markov chain continues from it.
"Recall positions" are the positions whose input is CLOSE (target = key).

m = 4096 training and 1024 test sequences are drawn from
numpy.random.default_rng(seed) (data first, then parameter init, then the
minibatch shuffles), so the whole run is deterministic for a given --seed
(single-threaded BLAS).

Training
--------
Hand-written full BPTT over all 56 steps in float64, Adam (beta 0.9/0.999),
lr 3e-3 with cosine decay to 1e-4 over a fixed number of epochs (default 60,
about 3-4 minutes on one core), minibatch 64, global gradient-norm clipping
at 5.  Per-epoch train metrics are computed on the first 1024 training
sequences (to save time); the final ones on all m.  Init: U orthogonal (gain 1),
W ~ N(0, 1/14), V ~ N(0, 1/128).  No norm of any matrix is constrained.

Outputs (in --out)
------------------
  vanilla_rnn.npz  U, W, V (float64) + 0-d arrays m, t, B_x, margin_q10, seed
  U.npy            U (np.save, float64)
  W.csv            W (np.savetxt, delimiter ",", fmt "%.17g", no header)
  reference.json   numpy norms of U, W, V, stable rank of U, the four Section 6
                   complexity values, and training metrics
  TRAINING.md      short human-readable note of the run
"""
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse
import json
import math
import sys
import time

import numpy as np

N_SYM = 14
N_CONTENT = 12
OPEN = 12
CLOSE = 13
T = 56
HIDDEN = 128


# --------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------
def make_markov(rng):
    return rng.dirichlet(np.full(N_CONTENT, 0.2), size=N_CONTENT)


def draw_gap(rng, lo, hi):
    """Log-uniform integer in [lo, hi]: floor(exp(u)), u ~ U[log lo, log(hi + 1))."""
    g = int(math.exp(rng.uniform(math.log(lo), math.log(hi + 1))))
    return min(max(g, lo), hi)


def make_sequences(rng, n, P, t=T, gap_lo=2, gap_hi=40):
    """Return int64 array (n, t+1) of symbols, see module docstring."""
    L = t + 1
    last_in = t - 1  # index of the last input symbol
    cum = np.cumsum(P, axis=1)
    seqs = np.empty((n, L), dtype=np.int64)
    for k in range(n):
        fixed = {}
        g2 = draw_gap(rng, gap_lo, gap_hi)
        p2 = last_in - g2
        fixed[p2] = OPEN
        fixed[p2 + 1] = int(rng.integers(N_CONTENT))
        fixed[last_in] = CLOSE
        fixed[last_in + 1] = ("recall", p2 + 1)
        g1 = draw_gap(rng, gap_lo, min(gap_hi, p2 - 2))
        p1 = int(rng.integers(0, p2 - 2 - g1 + 1))
        c1 = p1 + g1
        fixed[p1] = OPEN
        fixed[p1 + 1] = int(rng.integers(N_CONTENT))
        fixed[c1] = CLOSE
        fixed[c1 + 1] = ("recall", p1 + 1)
        s = seqs[k]
        for i in range(L):
            f = fixed.get(i)
            if f is None:
                if i == 0:
                    s[i] = rng.integers(N_CONTENT)
                else:
                    prev = s[i - 1]
                    assert prev < N_CONTENT
                    u = rng.random()
                    s[i] = min(int(np.searchsorted(cum[prev], u, side="right")), N_CONTENT - 1)
            elif isinstance(f, tuple):
                s[i] = s[f[1]]
            else:
                s[i] = f
    return seqs


# --------------------------------------------------------------------------
# model: forward / backward (time-major)
# --------------------------------------------------------------------------
def forward(params, inp):
    """inp: int (T, B) symbols. Returns H (T+1, B, n) with H[0] = 0."""
    U, W, V = params
    Tn, B = inp.shape
    n = U.shape[0]
    XW = W.T[inp]  # (T, B, n) == W x_s for one-hot x_s
    H = np.zeros((Tn + 1, B, n))
    UT = U.T
    for s in range(Tn):
        H[s + 1] = np.tanh(H[s] @ UT + XW[s])
    return H


def logits_of(params, H):
    V = params[2]
    return H[1:] @ V.T  # (T, B, dy)


def loss_and_grads(params, inp, tgt):
    U, W, V = params
    Tn, B = inp.shape
    n = U.shape[0]
    dy = V.shape[0]
    H = forward(params, inp)
    Y = logits_of(params, H)
    Y = Y - Y.max(axis=2, keepdims=True)
    E = np.exp(Y)
    Pr = E / E.sum(axis=2, keepdims=True)
    idx_t, idx_b = np.indices((Tn, B))
    N = Tn * B
    loss = -np.log(Pr[idx_t, idx_b, tgt]).sum() / N
    dY = Pr
    dY[idx_t, idx_b, tgt] -= 1.0
    dY /= N
    Hs = H[1:]
    dV = dY.reshape(-1, dy).T @ Hs.reshape(-1, n)
    dHout = dY @ V  # (T, B, n)
    dA = np.empty_like(Hs)
    carry = np.zeros((B, n))
    for s in range(Tn - 1, -1, -1):
        dh = dHout[s] + carry
        da = dh * (1.0 - Hs[s] * Hs[s])
        dA[s] = da
        carry = da @ U
    dU = dA.reshape(-1, n).T @ H[:-1].reshape(-1, n)
    dW = np.zeros_like(W)
    # dW[:, j] = sum of dA over positions whose input symbol is j
    np.add.at(dW.T, inp.reshape(-1), dA.reshape(-1, n))
    return loss, (dU, dW, dV)


def evaluate(params, seqs, batch=1024):
    """Mean CE loss, accuracy, recall accuracy, last-step accuracy, last-step margins."""
    tot_loss = 0.0
    n_pos = 0
    correct = 0
    rec_correct = 0
    rec_n = 0
    last_correct = 0
    margins = []
    for a in range(0, len(seqs), batch):
        sq = seqs[a:a + batch]
        inp = sq[:, :-1].T
        tgt = sq[:, 1:].T
        H = forward(params, inp)
        Y = logits_of(params, H)
        Ym = Y - Y.max(axis=2, keepdims=True)
        lse = np.log(np.exp(Ym).sum(axis=2))
        idx_t, idx_b = np.indices(tgt.shape)
        ly = Ym[idx_t, idx_b, tgt]
        tot_loss += (lse - ly).sum()
        n_pos += tgt.size
        pred = Y.argmax(axis=2)
        ok = pred == tgt
        correct += ok.sum()
        rmask = inp == CLOSE
        rec_correct += ok[rmask].sum()
        rec_n += rmask.sum()
        last_correct += ok[-1].sum()
        yl = Y[-1]  # (B, dy): logits at the last step t
        z = tgt[-1]
        yz = yl[np.arange(len(z)), z]
        other = yl.copy()
        other[np.arange(len(z)), z] = -np.inf
        margins.append(yz - other.max(axis=1))
    return dict(loss=tot_loss / n_pos, acc=correct / n_pos,
                recall_acc=rec_correct / max(rec_n, 1),
                last_acc=last_correct / len(seqs),
                margins=np.concatenate(margins))


def last_step_acc_by_gap(params, seqs, edges=((2, 5), (6, 15), (16, 40))):
    """Accuracy of the last-step recall, bucketed by the gap of the final pair."""
    inp = seqs[:, :-1]
    p2 = inp.shape[1] - 1 - np.argmax(inp[:, ::-1] == OPEN, axis=1)
    gap = (inp.shape[1] - 1) - p2
    H = forward(params, inp.T)
    pred = (H[-1] @ params[2].T).argmax(axis=1)
    ok = pred == seqs[:, -1]
    out = {}
    for lo, hi in edges:
        mask = (gap >= lo) & (gap <= hi)
        out[f"{lo}-{hi}"] = {"n": int(mask.sum()), "acc": float(ok[mask].mean()) if mask.any() else None}
    return out


def init_params(rng, n=HIDDEN, dx=N_SYM, dy=N_SYM):
    G = rng.standard_normal((n, n))
    Q, R = np.linalg.qr(G)
    U = Q * np.sign(np.diag(R))  # orthogonal, gain 1
    W = rng.standard_normal((n, dx)) / math.sqrt(dx)
    V = rng.standard_normal((dy, n)) / math.sqrt(n)
    return [U, W, V]


# --------------------------------------------------------------------------
# gradient check
# --------------------------------------------------------------------------
def gradcheck(seed=0):
    rng = np.random.default_rng(seed + 12345)
    n, dx, Tn, B = 5, N_SYM, 7, 3
    params = [rng.standard_normal((n, n)) * 0.7,
              rng.standard_normal((n, dx)) * 0.7,
              rng.standard_normal((N_SYM, n)) * 0.7]
    inp = rng.integers(0, dx, size=(Tn, B))
    tgt = rng.integers(0, N_SYM, size=(Tn, B))
    _, grads = loss_and_grads(params, inp, tgt)
    eps = 1e-6
    worst = 0.0
    for name, P, G in zip("UWV", params, grads):
        num = np.zeros_like(P)
        for ij in np.ndindex(P.shape):
            old = P[ij]
            P[ij] = old + eps
            lp, _ = loss_and_grads(params, inp, tgt)
            P[ij] = old - eps
            lm, _ = loss_and_grads(params, inp, tgt)
            P[ij] = old
            num[ij] = (lp - lm) / (2 * eps)
        rel = np.linalg.norm(num - G) / max(np.linalg.norm(num) + np.linalg.norm(G), 1e-300)
        worst = max(worst, rel)
        print(f"gradcheck d{name}: shape {P.shape}, max|diff| = {np.abs(num - G).max():.3e}, "
              f"relative error = {rel:.3e}")
    ok = worst < 1e-6
    print(f"gradcheck {'PASSED' if ok else 'FAILED'} (worst relative error {worst:.3e}, tol 1e-6)")
    return ok, worst


# --------------------------------------------------------------------------
# norms / Section 6 values
# --------------------------------------------------------------------------
def matrix_summary(X):
    return {
        "shape": list(X.shape),
        "spectral": float(np.linalg.norm(X, 2)),
        "frobenius": float(np.linalg.norm(X, "fro")),
        "l21_rows": float(np.linalg.norm(X, axis=1).sum()),
        "l21_cols": float(np.linalg.norm(X, axis=0).sum()),
    }


def section6_values(U, W, V, d=HIDDEN, t=T):
    B_U = float(np.linalg.norm(U, 2))
    B_V = float(np.linalg.norm(V, 2))
    B_W = float(np.linalg.norm(W, 2))
    S = (B_U ** t - 1.0) / (B_U - 1.0) if B_U != 1.0 else float(t)
    # the paper's (2,1) norm (Section 2, notation): ||M||_{2,1} = sum_i ||M_{:,i}||_2, the column norms;
    # Assumption 4 bounds ||U||_{2,1} <= M_U
    M_U = float(np.linalg.norm(U, axis=0).sum())
    M_V = float(np.linalg.norm(V, axis=0).sum())
    M_W = float(np.linalg.norm(W, axis=0).sum())
    B_UF = float(np.linalg.norm(U, "fro"))
    B_VF = float(np.linalg.norm(V, "fro"))
    B_WF = float(np.linalg.norm(W, "fro"))
    ours = d * B_V * min(math.sqrt(d), B_W * S) * math.sqrt(math.log(S))
    bound1 = d * t ** 2 * B_V * B_W * max(1.0, B_U ** t)
    bound2 = B_V * B_W * (M_U + M_V + M_W) * t * S
    bound3 = (min(math.sqrt(d), B_W * S) * B_U + B_W) * S * math.sqrt(d * (B_UF + B_VF + B_WF))
    return dict(S=S, ours=ours, bound1=bound1, bound2=bound2, bound3=bound3)


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default="test-data/section6")
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--m", type=int, default=4096)
    ap.add_argument("--m-test", type=int, default=1024)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--lr-min", type=float, default=1e-4)
    ap.add_argument("--clip", type=float, default=5.0)
    ap.add_argument("--gradcheck", action="store_true", help="only run the finite-difference check")
    args = ap.parse_args()

    t_script = time.time()
    print(f"seed = {args.seed}")
    ok, worst = gradcheck(args.seed)
    if args.gradcheck:
        sys.exit(0 if ok else 1)
    if not ok:
        sys.exit("gradient check failed; refusing to train")

    rng = np.random.default_rng(args.seed)
    P = make_markov(rng)
    train = make_sequences(rng, args.m, P)
    test = make_sequences(rng, args.m_test, P)
    params = init_params(rng)
    B_x = 1.0  # every x_s is a one-hot vector
    assert train.min() >= 0 and train.max() < N_SYM
    print(f"data: {len(train)} train / {len(test)} test sequences of length {T} over {N_SYM} symbols")

    mom = [np.zeros_like(p) for p in params]
    vel = [np.zeros_like(p) for p in params]
    b1, b2, eps = 0.9, 0.999, 1e-8
    step = 0
    nb = len(train) // args.batch
    total_steps = args.epochs * nb
    t0 = time.time()
    for ep in range(1, args.epochs + 1):
        perm = rng.permutation(len(train))
        run_loss = 0.0
        n_clipped = 0
        for bi in range(nb):
            sq = train[perm[bi * args.batch:(bi + 1) * args.batch]]
            loss, grads = loss_and_grads(params, sq[:, :-1].T, sq[:, 1:].T)
            run_loss += loss
            gn = math.sqrt(sum(float((g * g).sum()) for g in grads))
            if gn > args.clip:
                n_clipped += 1
                grads = [g * (args.clip / gn) for g in grads]
            lr = args.lr_min + 0.5 * (args.lr - args.lr_min) * (1 + math.cos(math.pi * step / total_steps))
            step += 1
            for p, g, mo, ve in zip(params, grads, mom, vel):
                mo *= b1
                mo += (1 - b1) * g
                ve *= b2
                ve += (1 - b2) * g * g
                mh = mo / (1 - b1 ** step)
                vh = ve / (1 - b2 ** step)
                p -= lr * mh / (np.sqrt(vh) + eps)
        last = ep == args.epochs
        # per-epoch train metrics on a fixed 1024-sequence subset (time budget); full set at the end
        tr = evaluate(params, train if last else train[:1024])
        te = evaluate(params, test)
        print(f"epoch {ep:3d}  lr {lr:.2e}  batch-loss {run_loss / nb:.4f}  "
              f"train{'' if last else '[:1024]'} loss {tr['loss']:.4f} acc {tr['acc']:.4f} recall {tr['recall_acc']:.4f} | "
              f"test loss {te['loss']:.4f} acc {te['acc']:.4f} recall {te['recall_acc']:.4f} "
              f"last {te['last_acc']:.4f} | ||U||_2 {np.linalg.norm(params[0], 2):.4f} "
              f"clipped {n_clipped}/{nb}  [{time.time() - t0:.1f}s]", flush=True)
    train_seconds = time.time() - t0

    U, W, V = [np.ascontiguousarray(p, dtype=np.float64) for p in params]
    by_gap = last_step_acc_by_gap(params, test)
    print("test last-step recall accuracy by gap:", by_gap)
    margins = tr["margins"]
    margin_q10 = float(np.percentile(margins, 10))

    os.makedirs(args.out, exist_ok=True)
    np.savez(os.path.join(args.out, "vanilla_rnn.npz"),
             U=U, W=W, V=V,
             m=np.array(len(train), dtype=np.int64),
             t=np.array(T, dtype=np.int64),
             B_x=np.array(B_x, dtype=np.float64),
             margin_q10=np.array(margin_q10, dtype=np.float64),
             seed=np.array(args.seed, dtype=np.int64))
    np.save(os.path.join(args.out, "U.npy"), U)
    np.savetxt(os.path.join(args.out, "W.csv"), W, delimiter=",", fmt="%.17g")

    sU, sW, sV = matrix_summary(U), matrix_summary(W), matrix_summary(V)
    vals = section6_values(U, W, V)
    ref = {
        "seed": args.seed, "m": len(train), "m_test": len(test), "t": T, "d": HIDDEN,
        "B_x": B_x, "margin_q10": margin_q10,
        "U": sU, "W": sW, "V": sV,
        "stable_rank_U": sU["frobenius"] ** 2 / sU["spectral"] ** 2,
        "S": vals["S"],
        "ours": vals["ours"], "bound1": vals["bound1"],
        "bound2": vals["bound2"], "bound3": vals["bound3"],
        "epochs": args.epochs,
        "train_seconds": train_seconds,
        "final_train_loss": float(tr["loss"]),
        "final_train_accuracy": float(tr["acc"]),
        "final_test_loss": float(te["loss"]),
        "final_test_accuracy": float(te["acc"]),
        "recall_accuracy": float(te["recall_acc"]),
        "train_recall_accuracy": float(tr["recall_acc"]),
        "test_last_step_accuracy": float(te["last_acc"]),
        "test_last_step_accuracy_by_gap": by_gap,
        "gradcheck_worst_relative_error": worst,
    }
    with open(os.path.join(args.out, "reference.json"), "w") as f:
        json.dump(ref, f, indent=2)
        f.write("\n")

    # consistency: reload and recompute
    z = np.load(os.path.join(args.out, "vanilla_rnn.npz"))
    assert sorted(z.files) == sorted(["U", "W", "V", "m", "t", "B_x", "margin_q10", "seed"])
    assert np.array_equal(z["U"], U) and np.array_equal(np.load(os.path.join(args.out, "U.npy")), U)
    assert np.array_equal(np.loadtxt(os.path.join(args.out, "W.csv"), delimiter=","), W)
    assert float(np.linalg.norm(z["U"], 2)) == sU["spectral"]
    wall = time.time() - t_script

    def f6(x):
        return f"{x:.6g}"
    md = f"""# Section 6 fixture: vanilla RNN trained by `scripts/train_vanilla_rnn.py`

Generated data only; the Java product never runs Python.

## Command

    python3 scripts/train_vanilla_rnn.py --seed {args.seed} --out {args.out}

(numpy {np.__version__}, OMP/OpenBLAS threads = 1, float64, {args.epochs} epochs,
minibatch {args.batch}, Adam lr {args.lr:g} cosine-decayed to {args.lr_min:g}, clip {args.clip:g}.)
Finite-difference gradient check on a tiny model (hidden 5, T 7, batch 3):
worst relative error {worst:.2e} (passed, tolerance 1e-6).

Measured wall time: training {train_seconds:.1f} s, whole script {wall:.1f} s.

## Data

Synthetic 14-symbol bracket-recall language (see script docstring):
m = {len(train)} training / {len(test)} test sequences, t = {T}, one-hot inputs, B_x = {B_x:g}.
The last step's target is always a recall of the key after the final OPEN
(gap log-uniform in 2..40).

## Final metrics

| | loss | accuracy | recall accuracy (input = CLOSE) | last-step accuracy |
|---|---|---|---|---|
| train | {tr['loss']:.4f} | {tr['acc']:.4f} | {tr['recall_acc']:.4f} | {tr['last_acc']:.4f} |
| test  | {te['loss']:.4f} | {te['acc']:.4f} | {te['recall_acc']:.4f} | {te['last_acc']:.4f} |

Test last-step recall accuracy by gap of the final pair: {", ".join(f"{k}: {v['acc']:.4f} (n={v['n']})" for k, v in by_gap.items())}.
Chance level for a recall is 1/12 = 0.0833.

margin_q10 (10th percentile over training sequences of the last-step multiclass margin) = {f6(margin_q10)}

## Norms (numpy)

| matrix | shape | spectral | Frobenius | sum of row norms | sum of column norms |
|---|---|---|---|---|---|
| U | {sU['shape']} | {f6(sU['spectral'])} | {f6(sU['frobenius'])} | {f6(sU['l21_rows'])} | {f6(sU['l21_cols'])} |
| W | {sW['shape']} | {f6(sW['spectral'])} | {f6(sW['frobenius'])} | {f6(sW['l21_rows'])} | {f6(sW['l21_cols'])} |
| V | {sV['shape']} | {f6(sV['spectral'])} | {f6(sV['frobenius'])} | {f6(sV['l21_rows'])} | {f6(sV['l21_cols'])} |

B_U = {f6(sU['spectral'])}, B_W = {f6(sW['spectral'])}, B_V = {f6(sV['spectral'])};
B_UF = {f6(sU['frobenius'])}, B_WF = {f6(sW['frobenius'])}, B_VF = {f6(sV['frobenius'])};
M_U = {f6(sU['l21_cols'])}, M_W = {f6(sW['l21_cols'])}, M_V = {f6(sV['l21_cols'])} (the paper's ||M||_{{2,1}}: sum of column norms).
Stable rank of U = ||U||_F^2 / ||U||_2^2 = {f6(ref['stable_rank_U'])}.

## Section 6 complexity values (d = {HIDDEN}, t = {T}, S = (B_U^t - 1)/(B_U - 1) = {f6(vals['S'])})

| quantity | formula | value |
|---|---|---|
| ours   | d B_V min(sqrt d, B_W S) sqrt(log S) | {f6(vals['ours'])} |
| bound1 | d t^2 B_V B_W max(1, B_U^t) | {f6(vals['bound1'])} |
| bound2 | B_V B_W (M_U + M_V + M_W) t S | {f6(vals['bound2'])} |
| bound3 | (min(sqrt d, B_W S) B_U + B_W) S sqrt(d (B_UF + B_VF + B_WF)) | {f6(vals['bound3'])} |

Full-precision values are in `reference.json`.
"""
    with open(os.path.join(args.out, "TRAINING.md"), "w") as f:
        f.write(md)
    print(json.dumps({k: ref[k] for k in ("margin_q10", "stable_rank_U", "S", "ours", "bound1",
                                          "bound2", "bound3", "train_seconds")}, indent=2))
    print(f"wrote {args.out}/{{vanilla_rnn.npz,U.npy,W.csv,reference.json,TRAINING.md}}; wall {wall:.1f} s")


if __name__ == "__main__":
    main()
