"""Runs the ResNet generator in PyTorch for bench/ort-vs-torch.ts, one JSON request per stdin line, one JSON reply
per stdout line:
  {"cmd": "load", "weights": path, "manifest": path, "ngf": n, "blocks": n}  ->  {"threads": n, "torch": version, "blas": [paths]}
  {"cmd": "infer", "input": path, "output": path, "size": s}  float32 NCHW [1, 3, s, s] in (kept for time and profile), output written  ->  {}
  {"cmd": "time", "size": s}  one timed forward pass on the last input of that size  ->  {"ms": t}
  {"cmd": "profile", "size": s, "runs": n}  self CPU time per run of each aten op  ->  {"ms": {op: t}}
The caller must start it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (they slow PyTorch's CPU kernels).
"""
import json
import os
import sys
import time

import numpy as np
import torch

from resnet_generator import ResnetGenerator

torch.set_flush_denormal(True)
torch.set_num_threads(os.cpu_count() or 1)
model = None
inputs = {}


def load(request):
    global model
    with open(request['manifest']) as f:
        manifest = json.load(f)
    raw = np.fromfile(request['weights'], dtype='<f4')
    state = {
        entry['name']: torch.from_numpy(raw[entry['offset']:entry['offset'] + int(np.prod(entry['shape']))].reshape(entry['shape']).copy())
        for entry in manifest
    }
    model = ResnetGenerator(3, 3, request['ngf'], request['blocks']).eval()
    model.load_state_dict(state, strict=True)
    blas = []
    if os.path.exists('/proc/self/maps'):
        with open('/proc/self/maps') as maps:
            blas = sorted({line.split()[-1] for line in maps if 'blas' in line and line.split()[-1].startswith('/')})
    return {'threads': torch.get_num_threads(), 'torch': torch.__version__, 'blas': blas}


def infer(request):
    size = request['size']
    x = torch.from_numpy(np.fromfile(request['input'], dtype='<f4').reshape(1, 3, size, size).copy())
    with torch.inference_mode():
        y = model(x)
    y.numpy().astype('<f4').tofile(request['output'])
    inputs[size] = x
    return {}


def timed(request):
    size = request['size']
    with torch.inference_mode():
        start = time.perf_counter()
        model(inputs[size])
        return {'ms': (time.perf_counter() - start) * 1000}


def profile(request):
    runs = request['runs']
    with torch.inference_mode(), torch.autograd.profiler.profile() as prof:
        for _ in range(runs):
            model(inputs[request['size']])
    return {'ms': {event.key: event.self_cpu_time_total / 1000 / runs for event in prof.key_averages() if event.self_cpu_time_total > 0}}


HANDLERS = {'load': load, 'infer': infer, 'time': timed, 'profile': profile}

for line in sys.stdin:
    request = json.loads(line)
    try:
        reply = HANDLERS[request['cmd']](request)
    except Exception as error:  # reported to the bench, which stops with it
        reply = {'error': f'{type(error).__name__}: {error}'}
    print(json.dumps(reply), flush=True)
