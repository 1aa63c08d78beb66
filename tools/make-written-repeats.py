#!/usr/bin/env python3
"""Builds the repeat-detection set from the hand-written corpus (tests/Xinfang.Text.Tests/Data/written).

Every written petition is an original from its own petitioner (one in ten petitioners also sends a
second, different petition); 400 originals are sent again by the same person with light edits
(exact copy, a new opening or closing plea, a sentence dropped, a few characters changed, numbers
changed — one or two of these), 10 to 300 days later; 100 originals are sent the same day or the
next to a second body (一信多投: not a repeat). PAIRS lists each original with its repeat.
Deterministic (seed 2026). Usage: tools/make-written-repeats.py OUT_DIR
"""
import glob, os, random, re, sys, datetime

random.seed(2026)
root = os.path.join(os.path.dirname(__file__), '..', 'tests', 'Xinfang.Text.Tests', 'Data', 'written')
rows, seen = [], set()
for f in sorted(glob.glob(os.path.join(root, 'part-*.tsv'))):
    for i, line in enumerate(open(f, encoding='utf-8')):
        p = line.rstrip('\n').split('\t')
        if i == 0 or len(p) != 3 or p[1] in seen:
            continue
        seen.add(p[1]); rows.append((p[0], p[1]))

recipients = ['330106-xfj', '330106-zjj', '330106-rsj', '330106-jyj', '330106-wjw', '330106-sthj', '330106-jtj', '330106-scj']
start = datetime.datetime(2025, 1, 1, 8, 0, 0)
items, pairs, next_id = [], [], 10001

def add(title, content, user, at, recipient):
    global next_id
    items.append((next_id, title, content, user, at, recipient)); next_id += 1
    return next_id - 1

openers = ['这是我第二次反映这个问题了，', '之前反映过一次，一直没有回复，再次反映：', '再次向领导反映：', '领导您好，我上个月已经留过言，', '']
closers = ['希望这次能有个答复！', '恳请领导重视！', '盼复，谢谢。', '问题至今没有解决。', '']

def edit(title, content):
    kinds = random.sample(['plea', 'drop', 'typo', 'numbers', 'exact'], random.choice([1, 2]))
    if 'exact' in kinds:
        return title, content
    if 'plea' in kinds:
        content = random.choice(openers) + content + random.choice(closers)
        if random.random() < 0.5:
            title = random.choice(['再次反映', '再次投诉', '还是没解决：', '']) + title
    if 'drop' in kinds:
        parts = [s for s in re.split(r'(?<=[。！？])', content) if s]
        if len(parts) >= 3:
            parts.pop(random.randrange(1, len(parts)))
            content = ''.join(parts)
    if 'typo' in kinds:
        chars = list(content)
        for _ in range(random.randint(2, 5)):
            k = random.randrange(len(chars))
            if '\u4e00' <= chars[k] <= '\u9fff':
                chars[k] = random.choice('的了是在我们有个这那不也就都还')
        content = ''.join(chars)
    if 'numbers' in kinds:
        content = re.sub(r'\d+', lambda m: str(int(m.group()) + random.randint(1, 9)), content)
    return title, content

originals = []
for n, (title, content) in enumerate(rows):
    user = f'U{n:05d}'
    at = start + datetime.timedelta(minutes=random.randint(0, 300 * 24 * 60))
    originals.append((add(title, content, user, at, random.choice(recipients)), title, content, user, at))
# 100 petitioners also send a second, different matter: same person, not a repeat.
others = random.sample(originals, 200)
for k in range(0, 200, 2):
    a, b = others[k], others[k + 1]
    items[[x[0] for x in items].index(b[0])] = (b[0], b[1], b[2], a[3], b[4], items[[x[0] for x in items].index(b[0])][5])

repeat_of = random.sample(originals, 400)
for oid, title, content, user, at in repeat_of:
    user = next(x for x in items if x[0] == oid)[3]
    t, c = edit(title, content)
    rid = add(t, c, user, at + datetime.timedelta(days=random.randint(10, 300), minutes=random.randint(0, 600)), random.choice(recipients))
    pairs.append((oid, rid))
multi = random.sample([o for o in originals if o not in repeat_of], 100)
for oid, title, content, user, at in multi:
    original = next(x for x in items if x[0] == oid)
    other = random.choice([r for r in recipients if r != original[5]])
    add(title, content, original[3], at + datetime.timedelta(hours=random.randint(0, 30)), other)

items.sort(key=lambda x: x[4])
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, 'written-dup-items.tsv'), 'w', encoding='utf-8') as f:
    f.write('id\ttitle\tcontent\tuser\ttime\trecipient\n')
    for i, t, c, u, at, r in items:
        f.write(f'{i}\t{t}\t{c}\t{u}\t{at:%Y-%m-%d %H:%M:%S}\t{r}\n')
with open(os.path.join(out, 'written-dup-pairs.tsv'), 'w', encoding='utf-8') as f:
    f.write('id1\tid2\n')
    for a, b in pairs:
        f.write(f'{a}\t{b}\n')
print(len(items), 'items', len(pairs), 'pairs')
