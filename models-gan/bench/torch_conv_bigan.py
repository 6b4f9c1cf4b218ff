"""PyTorch CPU reference of latentwalk's conv BiGAN (bigan --set architecture=conv, ConvBiganNetworks):
same layers, losses, update order, balance options, optimizer and batch, on the project's data split.
G: Linear(Z, 64*7*7) BN ReLU -> ConvT(64->32, 4, s2, p1) BN ReLU -> ConvT(32->1, 4, s2, p1) sigmoid.
E: Conv(1->32, 4, s2, p1) LReLU -> Conv(32->64, 4, s2, p1) BN LReLU -> Linear(64*7*7, Z).
(g-channels=32 e-channels=16: the narrower G and E built in before the balance options.)
D(x, z): image branch Conv(1->16) LReLU Dropout, Conv(16->32) LReLU Dropout, Linear(1568, 256) LReLU Dropout;
latent branch Linear(Z, 256) LReLU Dropout; joint Linear(512, 256) LReLU Dropout -> Linear(256, 1).
Real and generated pairs go through D as one batch (D has no batch norm), as the Java step does.
Each step: one D update (real target 1 - label-smoothing, Adam at d-learning-rate), then ge-steps G/E
updates (hard swapped labels, Adam at learning-rate), E(x) and G(z) recomputed before each but the first.
Prints per-epoch mean losses, train images/s and the linear-probe accuracy (logistic regression on E(x)).
usage: torch_conv_bigan.py DATA.npz EPOCHS [THREADS] [BATCH=64] [LATENT=50] [key=value ...]
keys (defaults = the Java conv BiGAN's): ge-steps=2 label-smoothing=0.1 learning-rate=2e-4
  d-learning-rate=1e-4 dropout=0.5 conv-dropout=DROPOUT latent-dropout=DROPOUT leaky-relu-slope=0.2
  g-channels=64 e-channels=32 instance-noise=0 (std of Gaussian noise on D's images, annealed linearly
  to 0 over noise-epochs=EPOCHS) seed=2018;
  judge=1 also fits the judge (logistic regression on pixels) and prints the judged class shares of 2,000
  samples and how often G(E(x)) keeps the judged class of a test image (as evaluate --judge)."""
import sys, time, numpy as np, torch, torch.nn as nn, torch.nn.functional as F
from sklearn.linear_model import LogisticRegression
pos = [a for a in sys.argv[1:] if "=" not in a]
kv = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
path, epochs = pos[0], int(pos[1])
torch.set_num_threads(int(pos[2]) if len(pos) > 2 else 1)
bs = int(pos[3]) if len(pos) > 3 else 64; Z = int(pos[4]) if len(pos) > 4 else 50
ge = int(kv.get("ge-steps", 2)); ls = float(kv.get("label-smoothing", 0.1))
lrG = float(kv.get("learning-rate", 2e-4)); lrD = float(kv.get("d-learning-rate", 1e-4))
drop = float(kv.get("dropout", 0.5)); dropconv = float(kv.get("conv-dropout", drop))
dropz = float(kv.get("latent-dropout", drop)); slope = float(kv.get("leaky-relu-slope", 0.2))
gch = int(kv.get("g-channels", 64)); ech = int(kv.get("e-channels", 32))
noise0 = float(kv.get("instance-noise", 0)); noiseEp = float(kv.get("noise-epochs", epochs))
seed = int(kv.get("seed", 2018))
torch.manual_seed(seed); np.random.seed(seed)
d = np.load(path); x = d["x"].astype(np.float32) / 255.0; y = d["y"]; t = d["test"]
xtr, xte, ytr, yte = torch.from_numpy(x[~t]), torch.from_numpy(x[t]), y[~t], y[t]
lrelu = lambda: nn.LeakyReLU(slope)
bn1 = lambda c: nn.BatchNorm1d(c, eps=1e-5, momentum=0.2)  # Keras momentum 0.8 = PyTorch 0.2
bn2 = lambda c: nn.BatchNorm2d(c, eps=1e-5, momentum=0.2)
G = nn.Sequential(nn.Linear(Z, gch * 49), bn1(gch * 49), nn.ReLU(), nn.Unflatten(1, (gch, 7, 7)),
                  nn.ConvTranspose2d(gch, gch // 2, 4, 2, 1), bn2(gch // 2), nn.ReLU(),
                  nn.ConvTranspose2d(gch // 2, 1, 4, 2, 1), nn.Sigmoid(), nn.Flatten())
E = nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, ech, 4, 2, 1), lrelu(),
                  nn.Conv2d(ech, 2 * ech, 4, 2, 1), bn2(2 * ech), lrelu(), nn.Flatten(), nn.Linear(2 * ech * 49, Z))
DX = nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 16, 4, 2, 1), lrelu(), nn.Dropout(dropconv),
                   nn.Conv2d(16, 32, 4, 2, 1), lrelu(), nn.Dropout(dropconv), nn.Flatten(),
                   nn.Linear(32 * 49, 256), lrelu(), nn.Dropout(drop))
DZ = nn.Sequential(nn.Linear(Z, 256), lrelu(), nn.Dropout(dropz))
DJ = nn.Sequential(nn.Linear(512, 256), lrelu(), nn.Dropout(dropz), nn.Linear(256, 1))
def D(xs, zs): return DJ(torch.cat([DX(xs), DZ(zs)], 1))
dparams = list(DX.parameters()) + list(DZ.parameters()) + list(DJ.parameters())
optD = torch.optim.Adam(dparams, lrD, betas=(0.5, 0.999))
optGE = torch.optim.Adam(list(G.parameters()) + list(E.parameters()), lrG, betas=(0.5, 0.999))
n = xtr.shape[0]; t_train = 0.0
targetD = torch.cat([torch.full((bs, 1), 1 - ls), torch.zeros(bs, 1)])
targetGE = torch.cat([torch.zeros(bs, 1), torch.ones(bs, 1)])
# mean BCE over each half, summed = 2 x the mean over the 2B rows
def bce(logits, target): return 2 * F.binary_cross_entropy_with_logits(logits, target)
per_epoch = n // bs; step = 0
for ep in range(epochs):
    perm = torch.randperm(n); t0 = time.perf_counter(); sd = sg = 0.0
    for i in range(0, n - bs + 1, bs):
        sigma = noise0 * max(0.0, 1 - step / (noiseEp * per_epoch)); step += 1
        xb = xtr[perm[i:i + bs]]; z = torch.randn(bs, Z)
        gz, ez = G(z), E(xb)
        xs, zs = torch.cat([xb, gz]), torch.cat([ez, z])
        noise = sigma * torch.randn_like(xs) if sigma > 0 else 0
        lossD = bce(D(xs.detach() + noise, zs.detach()), targetD)
        optD.zero_grad(); lossD.backward(); optD.step()
        for k in range(ge):
            if k > 0:
                gz, ez = G(z), E(xb); xs, zs = torch.cat([xb, gz]), torch.cat([ez, z])
            noise = sigma * torch.randn_like(xs) if sigma > 0 else 0
            lossGE = bce(D(xs + noise, zs), targetGE)
            optGE.zero_grad(); lossGE.backward(); optGE.step()
            if k == 0:
                sg += lossGE.item()
        sd += lossD.item()
    dt = time.perf_counter() - t0; t_train += dt
    print(f"epoch {ep+1} lossD {sd / per_epoch:.3f} lossGE {sg / per_epoch:.3f} epoch_s {dt:.1f}", flush=True)
E.eval(); G.eval()
with torch.no_grad(): ftr, fte = E(xtr).numpy(), E(xte).numpy()
probe = LogisticRegression(max_iter=500).fit(ftr, ytr).score(fte, yte)
if kv.get("judge") == "1":
    judge = LogisticRegression(max_iter=300).fit(x[~t], ytr)
    with torch.no_grad():
        s = G(torch.randn(2000, Z, generator=torch.Generator().manual_seed(7))).numpy()
        rec = G(E(xte)).numpy()
    shares = np.bincount(judge.predict(s), minlength=10) / len(s) * 100
    keep = (judge.predict(rec) == judge.predict(x[t])).mean()
    print(f"judge test accuracy {judge.score(x[t], yte):.4f}; judged sample shares % (classes 0-9): "
          + " ".join(f"{v:.1f}" for v in shares) + f"; smallest {shares.min():.1f}; G(E(x)) keeps class {keep:.3f}")
print(f"RESULT threads={torch.get_num_threads()} batch={bs} latent={Z} train_images_per_s={epochs * per_epoch * bs / max(t_train, 1e-9):.0f} linear_probe={probe:.4f}")
