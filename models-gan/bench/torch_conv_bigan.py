"""PyTorch CPU reference of latentwalk's conv BiGAN (bigan --set architecture=conv, ConvBiganNetworks):
same layers, losses, update order, optimizer and batch, on the project's data split.
G: Linear(Z, 32*7*7) BN ReLU -> ConvT(32->16, 4, s2, p1) BN ReLU -> ConvT(16->1, 4, s2, p1) sigmoid.
E: Conv(1->16, 4, s2, p1) LReLU -> Conv(16->32, 4, s2, p1) BN LReLU -> Linear(32*7*7, Z).
D(x, z): image branch Conv(1->16) LReLU Dropout, Conv(16->32) LReLU Dropout, Linear(1568, 256) LReLU Dropout;
latent branch Linear(Z, 256) LReLU Dropout; joint Linear(512, 256) LReLU Dropout -> Linear(256, 1).
Real and generated pairs go through D as one batch (D has no batch norm), as the Java step does.
Prints train images/s and the linear-probe accuracy (logistic regression on E(x)) after training.
usage: torch_conv_bigan.py DATA.npz EPOCHS [THREADS] [BATCH=64] [LATENT=50]"""
import sys, time, numpy as np, torch, torch.nn as nn
from sklearn.linear_model import LogisticRegression
path, epochs = sys.argv[1], int(sys.argv[2])
torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
bs = int(sys.argv[4]) if len(sys.argv) > 4 else 64; Z = int(sys.argv[5]) if len(sys.argv) > 5 else 50
torch.manual_seed(2018); np.random.seed(2018)
d = np.load(path); x = d["x"].astype(np.float32) / 255.0; y = d["y"]; t = d["test"]
xtr, xte, ytr, yte = torch.from_numpy(x[~t]), torch.from_numpy(x[t]), y[~t], y[t]
lrelu = lambda: nn.LeakyReLU(0.2)
bn1 = lambda c: nn.BatchNorm1d(c, eps=1e-5, momentum=0.2)  # Keras momentum 0.8 = PyTorch 0.2
bn2 = lambda c: nn.BatchNorm2d(c, eps=1e-5, momentum=0.2)
G = nn.Sequential(nn.Linear(Z, 32 * 49), bn1(32 * 49), nn.ReLU(), nn.Unflatten(1, (32, 7, 7)),
                  nn.ConvTranspose2d(32, 16, 4, 2, 1), bn2(16), nn.ReLU(),
                  nn.ConvTranspose2d(16, 1, 4, 2, 1), nn.Sigmoid(), nn.Flatten())
E = nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 16, 4, 2, 1), lrelu(),
                  nn.Conv2d(16, 32, 4, 2, 1), bn2(32), lrelu(), nn.Flatten(), nn.Linear(32 * 49, Z))
DX = nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 16, 4, 2, 1), lrelu(), nn.Dropout(0.5),
                   nn.Conv2d(16, 32, 4, 2, 1), lrelu(), nn.Dropout(0.5), nn.Flatten(),
                   nn.Linear(32 * 49, 256), lrelu(), nn.Dropout(0.5))
DZ = nn.Sequential(nn.Linear(Z, 256), lrelu(), nn.Dropout(0.5))
DJ = nn.Sequential(nn.Linear(512, 256), lrelu(), nn.Dropout(0.5), nn.Linear(256, 1))
def D(xs, zs): return DJ(torch.cat([DX(xs), DZ(zs)], 1))
dparams = list(DX.parameters()) + list(DZ.parameters()) + list(DJ.parameters())
optD = torch.optim.Adam(dparams, 2e-4, betas=(0.5, 0.999))
optGE = torch.optim.Adam(list(G.parameters()) + list(E.parameters()), 2e-4, betas=(0.5, 0.999))
bce = nn.BCEWithLogitsLoss(); n = xtr.shape[0]; t_train = 0.0
ones, zeros = torch.ones(bs, 1), torch.zeros(bs, 1)
real_is_one, real_is_zero = torch.cat([ones, zeros]), torch.cat([zeros, ones])
for ep in range(epochs):
    perm = torch.randperm(n); t0 = time.perf_counter()
    for i in range(0, n - bs + 1, bs):
        xb = xtr[perm[i:i + bs]]; z = torch.randn(bs, Z)
        gz, ez = G(z), E(xb)
        xs, zs = torch.cat([xb, gz]), torch.cat([ez, z])
        # mean BCE over each half, summed = 2 x the mean over the 2B rows
        lossD = 2 * bce(D(xs.detach(), zs.detach()), real_is_one)
        optD.zero_grad(); lossD.backward(); optD.step()
        lossGE = 2 * bce(D(xs, zs), real_is_zero)
        optGE.zero_grad(); lossGE.backward(); optGE.step()
    dt = time.perf_counter() - t0; t_train += dt
    print(f"epoch {ep+1} lossD {lossD.item():.3f} lossGE {lossGE.item():.3f} epoch_s {dt:.1f}", flush=True)
E.eval()
with torch.no_grad(): ftr, fte = E(xtr).numpy(), E(xte).numpy()
probe = LogisticRegression(max_iter=500).fit(ftr, ytr).score(fte, yte)
print(f"RESULT threads={torch.get_num_threads()} batch={bs} latent={Z} train_images_per_s={epochs * (n // bs) * bs / max(t_train, 1e-9):.0f} linear_probe={probe:.4f}")
