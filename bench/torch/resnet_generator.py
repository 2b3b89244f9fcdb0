"""The CycleGAN ResNet generator as PyTorch modules, mirroring src-main/onnx/resnet-generator.ts node for node.

Parameter names are the ONNX graph's initializer names ('stem.conv.weight', 'block1.conv2.bias', ...), so the
weights our builder drew load with load_state_dict(strict=True). Instance norm is PyTorch's default
affine=False, eps 1e-5, like the graph's InstanceNormalization with constant scale 1 and bias 0.
"""
import torch
from torch import nn


class ConvLayer(nn.Module):
    def __init__(self, conv: nn.Module):
        super().__init__()
        self.conv = conv


class ResnetBlock(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.pad1 = nn.ReflectionPad2d(1)
        self.conv1 = nn.Conv2d(dim, dim, 3)
        self.norm1 = nn.InstanceNorm2d(dim)
        self.pad2 = nn.ReflectionPad2d(1)
        self.conv2 = nn.Conv2d(dim, dim, 3)
        self.norm2 = nn.InstanceNorm2d(dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        hidden = torch.relu(self.norm1(self.conv1(self.pad1(x))))
        return x + self.norm2(self.conv2(self.pad2(hidden)))


class ResnetGenerator(nn.Module):
    """reflect-pad 3 + 7×7 conv, two stride-2 3×3 convs, n_blocks residual blocks, two ConvTranspose
    (3×3, stride 2, padding 1, output_padding 1), reflect-pad 3 + 7×7 conv, tanh; norm + ReLU after inner convs."""

    def __init__(self, in_channels: int = 3, out_channels: int = 3, ngf: int = 64, n_blocks: int = 9):
        super().__init__()
        self.stem = ConvLayer(nn.Conv2d(in_channels, ngf, 7))
        self.down1 = ConvLayer(nn.Conv2d(ngf, ngf * 2, 3, stride=2, padding=1))
        self.down2 = ConvLayer(nn.Conv2d(ngf * 2, ngf * 4, 3, stride=2, padding=1))
        for i in range(1, n_blocks + 1):
            self.add_module(f'block{i}', ResnetBlock(ngf * 4))
        self.n_blocks = n_blocks
        self.up1 = ConvLayer(nn.ConvTranspose2d(ngf * 4, ngf * 2, 3, stride=2, padding=1, output_padding=1))
        self.up2 = ConvLayer(nn.ConvTranspose2d(ngf * 2, ngf, 3, stride=2, padding=1, output_padding=1))
        self.head = ConvLayer(nn.Conv2d(ngf, out_channels, 7))
        self.norms = nn.ModuleList(nn.InstanceNorm2d(c) for c in (ngf, ngf * 2, ngf * 4, ngf * 2, ngf))
        self.pad3 = nn.ReflectionPad2d(3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        stem, down1, down2, up1, up2 = self.norms
        x = torch.relu(stem(self.stem.conv(self.pad3(x))))
        x = torch.relu(down1(self.down1.conv(x)))
        x = torch.relu(down2(self.down2.conv(x)))
        for i in range(1, self.n_blocks + 1):
            x = getattr(self, f'block{i}')(x)
        x = torch.relu(up1(self.up1.conv(x)))
        x = torch.relu(up2(self.up2.conv(x)))
        return torch.tanh(self.head.conv(self.pad3(x)))
