# %% [markdown]
# # Fully connected layers and 1x1 convolutions
#
# Three equivalences, checked with numpy: a 1x1 convolution as one big dense
# layer, a dense layer as a convolution over the whole map, and an MLP as 1x1
# convolutions on a one-pixel image. Runs as a plain script too.

# %%
import numpy as np

rng = np.random.default_rng(0)


def conv1x1(x, w, b=0.0):
    """x: (H, W, C_in); w: (C_in, C_out) -> (H, W, C_out)."""
    h, wd, c = x.shape
    return (x.reshape(h * wd, c) @ w + b).reshape(h, wd, w.shape[1])


# %% [markdown]
# ## 1. A 1x1 convolution is a block-diagonal dense layer
#
# One copy of the small `(C_in, C_out)` matrix per pixel, zeros elsewhere.

# %%
x = rng.standard_normal((3, 3, 3))                 # (H, W, C_in)
w = rng.standard_normal((3, 2))                    # (C_in, C_out)
big = np.kron(np.eye(9), w)                        # (27, 18)
print("dense matrix:", big.shape, "non-zero:", np.count_nonzero(big),
      "free weights:", w.size)
assert np.allclose((x.reshape(-1) @ big).reshape(3, 3, 2), conv1x1(x, w))

# %%
# %config InlineBackend.figure_formats = ["svg"]
import matplotlib.pyplot as plt

# Alt text: The 27x18 dense matrix as black and white squares: nine copies
# of the 3x2 filter matrix run down the diagonal and every other entry is
# zero, so the dense layer holds the 1x1 filter nine times over.
fig, ax = plt.subplots(figsize=(3, 4))
ax.imshow(big != 0, cmap="Greys")
ax.set_title("non-zero entries")
plt.show()

# %% [markdown]
# ## 2. A dense layer on a flattened map is a convolution over the whole map
#
# Reshape the dense weights `(H*W*C, K)` into K filters of size H x W x C.

# %%
fmap = rng.standard_normal((7, 7, 8))              # (H, W, C)
w_fc = rng.standard_normal((7 * 7 * 8, 5))         # 392 -> 5
kernel = w_fc.reshape(7, 7, 8, 5)                  # (H, W, C, K)
as_conv = np.einsum("hwc,hwck->k", fmap, kernel)   # the one valid position
assert np.allclose(as_conv, fmap.reshape(-1) @ w_fc)
print("dense == whole-map convolution:", np.allclose(as_conv, fmap.reshape(-1) @ w_fc))

# %% [markdown]
# ## 3. An MLP is 1x1 convolutions on one pixel

# %%
layers = [(rng.standard_normal((20, 16)), rng.standard_normal(16)),
          (rng.standard_normal((16, 3)), rng.standard_normal(3))]
v = rng.standard_normal(20)

mlp = np.maximum(v @ layers[0][0] + layers[0][1], 0) @ layers[1][0] + layers[1][1]
pixel = v.reshape(1, 1, 20)                        # a 1x1 image, 20 channels
pixel = np.maximum(conv1x1(pixel, *layers[0]), 0)
pixel = conv1x1(pixel, *layers[1])
assert np.allclose(pixel.reshape(-1), mlp)
print("MLP output:", mlp.round(3))
