"""Runs the PyTorch reference ../shared/anchors/torch_bigan.py (its seed 2018) and then writes a PNG of
G(z) for 40 prior draws in the layout of the Java report's samples-bigan.png (4 rows of 10, 28x28,
2-pixel white gaps), to compare sample quality by eye.
usage: torch_bigan_samples.py ANCHOR_SCRIPT DATA.npz EPOCHS THREADS OUT.png"""
import runpy, sys
import numpy as np, torch
from PIL import Image

anchor, data, epochs, threads, out = sys.argv[1:6]
sys.argv = [anchor, data, epochs, threads]
g = runpy.run_path(anchor, run_name="__main__")
G, Z = g["G"], g["Z"]
G.eval()
with torch.no_grad():
    x = G(torch.rand(40, Z) * 2 - 1).numpy().reshape(40, 28, 28)
gap, rows, cols = 2, 4, 10
canvas = np.full((rows * 28 + (rows + 1) * gap, cols * 28 + (cols + 1) * gap), 255, np.uint8)
for i in range(40):
    r, c = divmod(i, cols)
    y0, x0 = gap + r * (28 + gap), gap + c * (28 + gap)
    canvas[y0:y0 + 28, x0:x0 + 28] = np.clip(x[i] * 255 + 0.5, 0, 255).astype(np.uint8)
Image.fromarray(canvas).save(out)
print("wrote", out)
