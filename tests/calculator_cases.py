"""One table of calculator cases, run through Python and through the page."""

# layer: (h, w, c_in, kernel, stride, padding, filters, bias[, groups])
LAYER_CASES = [
    # the lecture: 6x6x32 with 1x1 filters; 28x28x192 to 32; to 192
    (6, 6, 32, 1, 1, "valid", 8, True),
    (28, 28, 192, 1, 1, "valid", 32, True),
    (28, 28, 192, 1, 1, "valid", 192, True),
    (28, 28, 192, 5, 1, "same", 32, False),     # the bottleneck's direct layer
    (200, 200, 50, 1, 1, "valid", 20, True),    # the blog
    (28, 28, 192, 3, 1, "same", 128, False),    # GoogLeNet 3a, 3x3 branch
    (14, 14, 480, 1, 1, "valid", 192, False),   # GoogLeNet 4a, 1x1 branch
    (224, 224, 3, 7, 2, 3, 64, True),           # GoogLeNet's first conv
    (7, 7, 512, 7, 1, "valid", 4096, True),     # CS231n: dense as 7x7 conv
    (7, 7, 3, 1, 2, "valid", 4, True),          # strided 1x1: 4x4
    (7, 7, 3, 3, 2, "same", 4, True),           # ceil(7 / 2) = 4
    (5, 9, 2, 5, 1, "valid", 1, True),          # kernel = height
    (6, 6, 1, 1, 1, "valid", 1, False),         # the lecture's x2 filter
    (1000, 1000, 1024, 3, 1, "same", 1024, True),   # big: exact integers
    (112, 112, 32, 3, 1, "same", 32, False, 32),    # MobileNet depthwise
    (28, 28, 192, 3, 2, 1, 64, True, 4),            # grouped, strided
]

# invalid layers: (field, value) changed from a valid base case
LAYER_BASE = (28, 28, 192, 1, 1, "valid", 32, True)
LAYER_BAD = [
    ("h", "-28"), ("w", "0"), ("c", "2.5"), ("k", "abc"), ("s", "0"),
    ("f", ""), ("p", "full"), ("p", "-1"), ("k", "31"),
    ("g", "0"), ("g", "5"), ("g", "64"),     # 5 divides neither; 64 not F
]

# bottleneck: (h, w, c_in, kernel, filters, reduce_to)
BOTTLENECK_CASES = [
    (28, 28, 192, 5, 32, 16),     # the lecture: 120,422,400 vs 12,443,648
    (28, 28, 192, 3, 128, 96),    # GoogLeNet 3a, 3x3 branch
    (14, 14, 480, 5, 48, 16),     # GoogLeNet 4a, 5x5 branch
    (56, 56, 256, 3, 64, 64),     # ResNet-style 256 -> 64
    (7, 7, 832, 5, 128, 48),      # GoogLeNet 5b, 5x5 branch
    (1, 1, 1, 1, 1, 1),           # smallest
]
BOTTLENECK_BAD = [("h", "-1"), ("r", "0"), ("k", "1.5"), ("f", "x")]
