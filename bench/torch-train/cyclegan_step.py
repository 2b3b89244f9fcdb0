"""Times CycleGAN training steps (batch 1) in PyTorch on the CPU, the same networks and losses as
src-main/training (ResNet generator, PatchGAN, LSGAN, cycle 10, identity 0.5, Adam), for bench/train-step.ts.

  python3 cyclegan_step.py '{"size": 128, "ngf": 64, "ndf": 64, "blocks": 9, "dLayers": 3,
                             "upsampling": "transpose", "steps": 3, "threads": 2}'
prints one JSON line: {"seconds": [per timed step], "peakRssKb": n, "threads": n, "torch": version}.
The first step is a warm-up and not timed. Start it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset.
"""
import json
import os
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'torch'))
from resnet_generator import ResnetBlock  # noqa: E402  (the inference bench's block, same layers)


def norm_relu(conv: nn.Module, channels: int) -> nn.Sequential:
    return nn.Sequential(conv, nn.InstanceNorm2d(channels), nn.ReLU(True))


def upsample(channels: int, kind: str) -> nn.Module:
    if kind == 'transpose':
        return nn.ConvTranspose2d(channels, channels // 2, 3, stride=2, padding=1, output_padding=1)
    return nn.Sequential(nn.Upsample(scale_factor=2, mode='nearest'), nn.Conv2d(channels, channels // 2, 3, padding=1))


def generator(ngf: int, blocks: int, kind: str) -> nn.Sequential:
    layers = [nn.ReflectionPad2d(3), norm_relu(nn.Conv2d(3, ngf, 7), ngf)]
    channels = ngf
    for _ in range(2):
        layers.append(norm_relu(nn.Conv2d(channels, channels * 2, 3, stride=2, padding=1), channels * 2))
        channels *= 2
    layers += [ResnetBlock(channels) for _ in range(blocks)]
    for _ in range(2):
        layers.append(norm_relu(upsample(channels, kind), channels // 2))
        channels //= 2
    layers += [nn.ReflectionPad2d(3), nn.Conv2d(channels, 3, 7), nn.Tanh()]
    return nn.Sequential(*layers)


def discriminator(ndf: int, n_layers: int) -> nn.Sequential:
    widths = [ndf * min(2 ** n, 8) for n in range(n_layers + 1)]
    layers = [nn.Conv2d(3, widths[0], 4, stride=2, padding=1), nn.LeakyReLU(0.2, True)]
    for n in range(1, n_layers + 1):
        stride = 2 if n < n_layers else 1
        layers += [nn.Conv2d(widths[n - 1], widths[n], 4, stride=stride, padding=1), nn.InstanceNorm2d(widths[n]), nn.LeakyReLU(0.2, True)]
    layers.append(nn.Conv2d(widths[n_layers], 1, 4, padding=1))
    return nn.Sequential(*layers)


def peak_rss_kb() -> int:
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith('VmHWM:'):
                return int(line.split()[1])
    return 0


def main() -> None:
    o = json.loads(sys.argv[1])
    torch.set_flush_denormal(True)
    torch.set_num_threads(o['threads'])
    torch.manual_seed(1)
    g_a, g_b = generator(o['ngf'], o['blocks'], o['upsampling']), generator(o['ngf'], o['blocks'], o['upsampling'])
    d_a, d_b = discriminator(o['ndf'], o['dLayers']), discriminator(o['ndf'], o['dLayers'])
    opt_g = torch.optim.Adam(list(g_a.parameters()) + list(g_b.parameters()), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(list(d_a.parameters()) + list(d_b.parameters()), lr=2e-4, betas=(0.5, 0.999))
    mse, l1 = nn.MSELoss(), nn.L1Loss()
    real_a = torch.rand(1, 3, o['size'], o['size']) * 2 - 1
    real_b = torch.rand(1, 3, o['size'], o['size']) * 2 - 1

    def step() -> None:
        for d in (d_a, d_b):
            d.requires_grad_(False)
        opt_g.zero_grad()
        fake_b, fake_a = g_a(real_a), g_b(real_b)
        pred_b, pred_a = d_a(fake_b), d_b(fake_a)
        loss_g = (mse(pred_b, torch.ones_like(pred_b)) + mse(pred_a, torch.ones_like(pred_a))
                  + (l1(g_b(fake_b), real_a) + l1(g_a(fake_a), real_b)) * 10
                  + (l1(g_a(real_b), real_b) + l1(g_b(real_a), real_a)) * 5)
        loss_g.backward()
        opt_g.step()
        for d in (d_a, d_b):
            d.requires_grad_(True)
        opt_d.zero_grad()
        loss_d = 0
        for d, real, fake in ((d_a, real_b, fake_b), (d_b, real_a, fake_a)):
            pred_real, pred_fake = d(real), d(fake.detach())
            loss_d = loss_d + (mse(pred_real, torch.ones_like(pred_real)) + mse(pred_fake, torch.zeros_like(pred_fake))) * 0.5
        loss_d.backward()
        opt_d.step()

    seconds = []
    for i in range(o['steps']):
        start = time.perf_counter()
        step()
        if i > 0:
            seconds.append(time.perf_counter() - start)
    print(json.dumps({'seconds': seconds, 'peakRssKb': peak_rss_kb(), 'threads': torch.get_num_threads(), 'torch': torch.__version__}))


if __name__ == '__main__':
    main()
