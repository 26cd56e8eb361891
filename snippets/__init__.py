"""One by One: the code behind every number and figure of the site.

Importing this package does no work; each module computes on demand.
Shapes are channels-last, ``(H, W, C)``, as the lecture writes them.
"""
