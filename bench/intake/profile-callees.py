#!/usr/bin/env python3
"""Callees (or callers with --callers) of a frame in a dotnet-trace speedscope export, CPU_TIME stacks only.
usage: profile-callees.py FILE SUBSTRING [--callers] [--depth N]"""
import json, sys, collections
f, target = sys.argv[1], sys.argv[2]
callers = '--callers' in sys.argv
depth = int(sys.argv[sys.argv.index('--depth') + 1]) if '--depth' in sys.argv else 1
d = json.load(open(f)); frames = [x['name'] for x in d['shared']['frames']]
out = collections.Counter(); tot = 0
for p in d['profiles']:
    st = []; last = None
    for e in p['events']:
        if last is not None and st and frames[st[-1]] == 'CPU_TIME':
            t = e['at'] - last
            idx = [i for i, x in enumerate(st) if target in frames[x]]
            if idx:
                tot += t
                i = idx[0] if callers else idx[-1]
                seg = st[max(0, i - depth):i] if callers else st[i + 1:i + 1 + depth]
                out[' > '.join(frames[x][:110] for x in seg)] += t
        last = e['at']
        if e['type'] == 'O': st.append(e['frame'])
        else:
            while st and st[-1] != e['frame']: st.pop()
            if st: st.pop()
print(f'{tot:.0f} ms under {target}')
for k, v in out.most_common(25): print(f'{v:8.0f} ms  {k}')
