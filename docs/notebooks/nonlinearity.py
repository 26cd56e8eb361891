# %% [markdown]
# # Non-linearity, step by step
#
# Two 1x1 layers without an activation collapse into one; with a ReLU
# between them they compute |x|, which no single linear layer can. This
# notebook is a plain Python script too (`python nonlinearity.py`); it
# needs numpy and matplotlib only.

# %%
import numpy as np


def conv1x1(x, w, b=0.0):
    """x: (H, W, C_in); w: (C_in, C_out) -> (H, W, C_out)."""
    h, wd, c = x.shape
    return (x.reshape(h * wd, c) @ w + b).reshape(h, wd, w.shape[1])


rng = np.random.default_rng(0)

# %% [markdown]
# ## 1. Two linear layers are one
#
# Layer 2 after layer 1 is `x @ (W1 @ W2) + (b1 @ W2 + b2)` at every pixel.

# %%
x = rng.standard_normal((28, 28, 192))              # (H, W, C)
w1, b1 = rng.standard_normal((192, 64)), rng.standard_normal(64)
w2, b2 = rng.standard_normal((64, 32)), rng.standard_normal(32)

two = conv1x1(conv1x1(x, w1, b1), w2, b2)
one = conv1x1(x, w1 @ w2, b1 @ w2 + b2)
print("two layers == one layer, up to float rounding:", np.allclose(two, one))
assert np.allclose(two, one)

# %% [markdown]
# ## 2. A ReLU in between: |x|
#
# Filters +1 and -1, a ReLU, then a filter that adds the two.

# %%
values = np.linspace(-3, 3, 61).reshape(61, 1, 1)   # 61 pixels, 1 channel
hidden = np.maximum(conv1x1(values, np.array([[1.0, -1.0]])), 0)
out = conv1x1(hidden, np.array([[1.0], [1.0]]))
assert np.array_equal(out, np.abs(values))
print("ReLU net at -2, 0, 2:", out[[10, 30, 50], 0, 0])

# %% [markdown]
# ## 3. The best linear layer misses
#
# Fit `a * x + c` by least squares and look at the worst error.

# %%
design = np.column_stack([values.ravel(), np.ones(61)])
(a, c), *_ = np.linalg.lstsq(design, out.ravel(), rcond=None)
worst = np.abs(design @ [a, c] - out.ravel()).max()
a = round(a, 3) + 0.0                # a is 0 up to rounding; + 0.0 avoids "-0.000"
print(f"best line: {a:.3f} * x + {c:.3f}, worst error {worst:.3f}")
assert worst > 1.5

# %%
# %config InlineBackend.figure_formats = ["svg"]
import matplotlib.pyplot as plt

# Alt text: Output against input value. The 1x1, ReLU, 1x1 stack draws a
# V with its point at zero; the best that one linear 1x1 layer can draw
# (dashed) is a flat line that misses the V almost everywhere.
fig, ax = plt.subplots(figsize=(5, 3))
ax.plot(values.ravel(), out.ravel(), label="1x1, ReLU, 1x1")
ax.plot(values.ravel(), a * values.ravel() + c, "--", label="best linear 1x1")
ax.set_xlabel("input value")
ax.legend()
plt.show()
