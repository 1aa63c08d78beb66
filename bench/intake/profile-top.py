#!/usr/bin/env python3
"""Summarise a dotnet-trace speedscope export (evented profiles): inclusive and exclusive time per frame over the
stacks that contain a root frame (e.g. the registration handler), plus a classifier of each stack into buckets.
usage: profile-top.py FILE [--root SUBSTRING] [--top N] [--cpu]"""
import json, sys, collections, re
args = sys.argv[1:]
f = args[0]
root = args[args.index('--root') + 1] if '--root' in args else None
top = int(args[args.index('--top') + 1]) if '--top' in args else 60
d = json.load(open(f))
frames = [x['name'] for x in d['shared']['frames']]
stacks = collections.Counter()  # tuple(frame ids) -> ms
for p in d['profiles']:
    st = []; last = None
    for e in p['events']:
        if last is not None and st:
            stacks[tuple(st)] += e['at'] - last
        last = e['at']
        if e['type'] == 'O': st.append(e['frame'])
        else:
            # close: pop to that frame
            while st and st[-1] != e['frame']: st.pop()
            if st: st.pop()
total = sum(stacks.values())
cpu = '--cpu' in args  # only stacks whose leaf is CPU_TIME (the thread was running managed code)
sel = {s: t for s, t in stacks.items() if (root is None or any(root in frames[i] for i in s)) and (not cpu or frames[s[-1]] == 'CPU_TIME')}
seltotal = sum(sel.values())
print(f'all threads: {total/1000:.1f} s sampled; stacks with {root!r}: {seltotal/1000:.2f} s')
incl = collections.Counter(); excl = collections.Counter()
for s, t in sel.items():
    for i in set(s): incl[frames[i]] += t
    excl[frames[s[-2] if frames[s[-1]] == 'CPU_TIME' and len(s) > 1 else s[-1]]] += t
def short(n): return n if len(n) < 150 else n[:147] + '...'
print('\n== inclusive ==')
for n, t in incl.most_common(top): print(f'{t:10.0f} ms {100*t/seltotal:5.1f}%  {short(n)}')
print('\n== exclusive ==')
for n, t in excl.most_common(top // 2): print(f'{t:10.0f} ms {100*t/seltotal:5.1f}%  {short(n)}')
