# %% [markdown]
# # Positions, step by step
#
# The lecture's 1x1 convolution on a 6x6x32 volume, one step at a time.
# This notebook is a plain Python script too: `python positions.py` runs it.
# It needs numpy and matplotlib, nothing else.

# %%
import numpy as np

rng = np.random.default_rng(0)
H, W, C, F = 6, 6, 32, 4           # the lecture's volume; 4 filters
x = rng.standard_normal((H, W, C))  # (H, W, C)
w = rng.standard_normal((C, F))     # (C, F): one column per filter
b = rng.standard_normal(F)          # (F,)

# %% [markdown]
# ## 1. One position
#
# Pick the pixel at row 2, column 3. What the filters see there is the
# column of 32 numbers stacked behind it.

# %%
column = x[2, 3]                    # (C,)
print("numbers at one position:", column.shape[0])

# %% [markdown]
# ## 2. The small fully connected layer
#
# Four filters = four units, each with 32 weights, then a ReLU.

# %%
unit_outputs = np.maximum(column @ w + b, 0)   # (F,)
print("outputs at that position:", unit_outputs.round(3))

# %% [markdown]
# ## 3. Every position, same weights
#
# Run the same layer at every (row, column) pair and count the runs.

# %%
y = np.empty((H, W, F))
runs = 0
for i in range(H):
    for j in range(W):
        y[i, j] = np.maximum(x[i, j] @ w + b, 0)
        runs += 1
print("positions visited:", runs)
assert runs == H * W == 36
assert np.array_equal(y[2, 3], unit_outputs)

# %% [markdown]
# ## 4. The same thing as one matrix product
#
# Flatten the grid into 36 rows of 32 numbers and multiply once.

# %%
rows = x.reshape(H * W, C)                        # (36, 32)
y_matmul = np.maximum(rows @ w + b, 0).reshape(H, W, F)
print("same as the loop, up to float rounding:", np.allclose(y_matmul, y))
assert np.allclose(y_matmul, y)

# %% [markdown]
# ## 5. Look at it
#
# Filter 0's output over the 6x6 grid: the output keeps the input's height
# and width.

# %%
# %config InlineBackend.figure_formats = ["svg"]
import matplotlib.pyplot as plt

# Alt text: A 6x6 grid of coloured squares, one per position: the first
# output channel keeps the input's 6x6 height and width.
fig, ax = plt.subplots(figsize=(3, 3))
ax.imshow(y[:, :, 0], cmap="viridis")
ax.set_title("output channel 0 (6x6)")
ax.set_xticks(range(W))
ax.set_yticks(range(H))
plt.show()
