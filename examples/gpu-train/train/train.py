"""A small PyTorch training job: an MLP fitted to a fixed synthetic regression task for a fixed number of steps.

Run from this directory: `sh run.sh` (it finds a Python that has torch). It trains on a GPU when one is visible
(`CUDA_VISIBLE_DEVICES`, leased by Clade when the stage asks for `resources: {gpus: 1}`), else on the CPU, and prints
the validation loss as the score JSON on its last line (lower is better). The data and the initialisation are seeded,
so the same parameters give the same loss on the same device.
"""

import sys

sys.dont_write_bytecode = True

import json
import math
import os
import time

import torch

# clade:params begin
LEARNING_RATE = 0.02       # [0.0001, 1]
HIDDEN = 8                 # [4, 256]
WEIGHT_DECAY = 0.01        # [0, 0.1]
BATCH_SIZE = 16            # [8, 512]
MOMENTUM = 0.0             # [0, 0.99]
# clade:params end

STEPS = int(os.environ.get("TRAIN_STEPS", "400"))  # the fixed budget: improvements must come from the settings
SEED = 1234


def make_data(generator, n):
    x = torch.rand(n, 4, generator=generator) * 4 - 2
    y = torch.sin(2 * x[:, 0]) * torch.cos(x[:, 1]) + 0.5 * x[:, 2] * x[:, 3] + 0.1 * x[:, 0] ** 3
    y = y + 0.05 * torch.randn(n, generator=generator)
    return x, y.unsqueeze(1)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.manual_seed(SEED)
    data = torch.Generator().manual_seed(SEED)
    x_train, y_train = make_data(data, 4096)
    x_val, y_val = make_data(data, 1024)
    x_train, y_train, x_val, y_val = (t.to(device) for t in (x_train, y_train, x_val, y_val))

    hidden = int(HIDDEN)
    model = torch.nn.Sequential(
        torch.nn.Linear(4, hidden), torch.nn.Tanh(),
        torch.nn.Linear(hidden, hidden), torch.nn.Tanh(),
        torch.nn.Linear(hidden, 1)).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY)
    batches = torch.Generator().manual_seed(SEED + 1)

    start = time.perf_counter()
    for step in range(STEPS):
        index = torch.randint(0, x_train.shape[0], (int(BATCH_SIZE),), generator=batches).to(device)
        loss = torch.nn.functional.mse_loss(model(x_train[index]), y_train[index])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if not math.isfinite(loss.item()):
            print("training diverged at step %d (loss %s)" % (step, loss.item()), file=sys.stderr)
            return 1
    if device.type == "cuda":
        torch.cuda.synchronize()
    seconds = time.perf_counter() - start

    with torch.no_grad():
        val = torch.nn.functional.mse_loss(model(x_val), y_val).item()
    if not math.isfinite(val):
        print("validation loss is not finite", file=sys.stderr)
        return 1
    result = {
        "score": round(val, 6),
        "metrics": {
            "device": 1 if device.type == "cuda" else 0,
            "steps": STEPS,
            "seconds": round(seconds, 3),
            "ms_per_step": round(1000 * seconds / STEPS, 4),
        },
        "feedback": "validation MSE %.4f after %d steps on %s (%s)"
                    % (val, STEPS, device.type, torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu"),
    }
    line = json.dumps(result)
    if os.environ.get("CLADE_METRICS"):
        with open(os.environ["CLADE_METRICS"], "w") as fh:
            fh.write(line + "\n")
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
