#!/usr/bin/env python3
"""Top frames of a dotnet-trace thread-time profile, counting only time a thread was running.

dotnet-trace's own `report topN` counts blocked threads too (thread-pool waits, the socket event
loop, timers), which swamp a short async path. This reads the Speedscope export, drops every
interval whose stack ends in a wait, and ranks frames by inclusive running time.

    dotnet-trace collect --profile dotnet-sampled-thread-time -o send.nettrace -- \
        dotnet benchmarks/ZaloOA.Sdk.Benchmarks/bin/Release/net10.0/ZaloOA.Sdk.Benchmarks.dll profile send 15
    dotnet-trace convert --format Speedscope send.nettrace -o send
    python3 benchmarks/profile_top.py send.speedscope.json 30 [substring-filter|''] [inclusive|exclusive]
"""
import json
import re
import sys

WAITS = re.compile(
    r"Monitor\.Wait|WaitHandle\.Wait|WaitOneNoCheck|LowLevelLifoSemaphore\.Wait|LowLevelSpinWaiter|"
    r"Interop\+Sys\.(Read|WaitForSocketEvents|Poll|ReceiveMessage)|Thread\.Sleep|SleepInternal|"
    r"ManualResetEventSlim\.Wait|SpinWait|Semaphore.*Wait|Missing Symbol|Interop\+Sys\.LowLevelMonitor|"
    r"WaitNative|Thread\.Yield|epoll|TimerQueue\.TimerThread")


def running_now(stack, names):
    """The thread-time profile ends each stack with CPU_TIME (managed code on a CPU) or
    UNMANAGED_CODE_TIME (native code: a syscall that works, or one that waits); the frame under it
    tells which."""
    leaf = names[stack[-1]]
    if leaf == "CPU_TIME":
        return True
    caller = names[stack[-2]] if len(stack) > 1 else ""
    return leaf == "UNMANAGED_CODE_TIME" and not WAITS.search(caller) and caller != "?!?"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    needle = sys.argv[3] if len(sys.argv) > 3 else None
    data = json.load(open(path, encoding="utf-8"))
    names = [f["name"] for f in data["shared"]["frames"]]
    inclusive, exclusive, running = {}, {}, 0.0
    for profile in data["profiles"]:
        stack, last = [], None
        for e in profile["events"]:
            at = e["at"]
            if stack and last is not None and at > last and running_now(stack, names):
                span = at - last
                running += span
                # Charge the pseudo-leaf's time to the method that was running.
                owner = stack[-2] if len(stack) > 1 else stack[-1]
                exclusive[owner] = exclusive.get(owner, 0.0) + span
                for f in set(stack):
                    inclusive[f] = inclusive.get(f, 0.0) + span
            last = at
            if e["type"] == "O":
                stack.append(e["frame"])
            elif stack:
                stack.pop()
    if running == 0:
        print("no running samples")
        return
    print(f"running time: {running:,.0f} ms (waits excluded)")
    order = sys.argv[4] if len(sys.argv) > 4 else "inclusive"
    ranked = inclusive if order == "inclusive" else exclusive
    print(f"{'inclusive':>9} {'exclusive':>9}  frame (by {order})")
    shown = 0
    for f, _ in sorted(ranked.items(), key=lambda kv: -kv[1]):
        t = inclusive.get(f, 0.0)
        name = names[f]
        if needle and needle not in name:
            continue
        print(f"{100 * t / running:8.1f}% {100 * exclusive.get(f, 0.0) / running:8.1f}%  {name[:150]}")
        shown += 1
        if shown >= top:
            break


if __name__ == "__main__":
    main()
