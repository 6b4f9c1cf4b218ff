"""Runs the PyTorch reference ../shared/anchors/torch_bigan.py with another seed than its fixed 2018,
to compare the spread of its linear probe over seeds with the Java provider's (-Dbigan.seed=S).
usage: torch_bigan_seeded.py ANCHOR_SCRIPT SEED DATA.npz EPOCHS [THREADS] [HIDDEN] [LATENT]"""
import runpy, sys
import numpy as np, torch

anchor, seed = sys.argv[1], int(sys.argv[2])
_torch_seed, _np_seed = torch.manual_seed, np.random.seed
# The anchor calls torch.manual_seed(2018) and np.random.seed(2018) once at start: redirect both.
torch.manual_seed = lambda _s: _torch_seed(seed)
np.random.seed = lambda _s: _np_seed(seed)
sys.argv = [anchor] + sys.argv[3:]
print(f"seed {seed}", flush=True)
runpy.run_path(anchor, run_name="__main__")
