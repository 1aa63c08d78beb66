#!/usr/bin/env python3
"""Builds the two repeat pair sets of issue 15 — a TUNING set and a separate REPORT set that share no
text — under tests/Xinfang.Text.Tests/Data/repeats/ (repeat-tune-*.tsv, repeat-report-*.tsv).

Sources: the hand-written corpus (Data/written, split in two halves by a hash of the text, one half per
set) and Data/repeats/hand-written.tsv (16 petitioners per set, each with two or three genuinely
different matters — often against the same employer, landlord, village or school — and one re-send of
the first matter written anew: re-worded, shortened to a phone message, or with a new plea).

Each set holds:
  * originals, one petitioner each;
  * true repeats (PAIRS): the same petitioner re-sends a matter 10–300 days later — light edits
    (exact copy, typos, a sentence dropped, numbers), re-wording (synonyms, sentences re-ordered, new
    opening/closing), a shortened phone-message version, or the letter plus a new development/plea;
  * 一信多投: the same letter to a second body within 30 hours (not a pair);
  * another petitioner on the same matter (a neighbour's re-worded letter: not a pair);
  * on purpose, many same-petitioner-different-matter pairs: 150 written petitioners get a second
    written letter (half of them of the same class — same topic, another matter) plus the hand-written
    ones (not pairs).
Deterministic (seed 15). Usage: tools/make-repeat-pairs.py [OUT_DIR]
"""
import csv, datetime, glob, hashlib, os, random, re, sys

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, '..', 'tests', 'Xinfang.Text.Tests', 'Data')
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(data, 'repeats')

rows, seen = [], set()
for f in sorted(glob.glob(os.path.join(data, 'written', 'part-*.tsv'))):
    for i, line in enumerate(open(f, encoding='utf-8')):
        p = line.rstrip('\n').split('\t')
        if i == 0 or len(p) != 3 or p[1] in seen:
            continue
        seen.add(p[1]); rows.append((p[0], p[1], p[2]))
halves = {'tune': [], 'report': []}
for r in rows:
    h = int(hashlib.sha1((r[0] + r[1]).encode('utf-8')).hexdigest(), 16)
    halves['tune' if h % 2 == 0 else 'report'].append(r)
hand = [r for r in csv.DictReader(open(os.path.join(data, 'repeats', 'hand-written.tsv'), encoding='utf-8'), delimiter='\t')]

recipients = ['330106-xfj', '330106-zjj', '330106-rsj', '330106-jyj', '330106-wjw', '330106-sthj', '330106-jtj', '330106-scj']
openers = ['这是我第二次反映这个问题了，', '之前反映过一次，一直没有回复，再次反映：', '再次向领导反映：', '领导您好，我上个月已经留过言，', '']
closers = ['希望这次能有个答复！', '恳请领导重视！', '盼复，谢谢。', '问题至今没有解决。', '']
developments = ['现在又过去两个月了，情况不但没有好转，反而更严重了。', '我已经打过好几次热线，每次都说会转交，可一直没人来处理。',
                '最近听说还有别的人也遇到同样的事，大家都很着急。', '上周我又去找过一次，对方态度很差，直接把我们赶了出来。',
                '家里老人因为这件事急病了，住了一个星期的院。', '这件事拖到现在，已经严重影响到我们一家的正常生活。']
pleas = ['请求有关部门尽快派人实地调查，依法处理。', '恳请领导督促落实，给我们一个明确的答复期限。', '如果再不解决，我们只能继续向上级反映。',
         '请相关部门约谈责任人，限期整改。']
synonyms = [('希望', '恳请'), ('一直', '始终'), ('现在', '目前'), ('工资', '工钱'), ('拖欠', '欠着'), ('老板', '负责人'), ('没有', '没'),
            ('请问', '想问一下'), ('非常', '特别'), ('已经', '都已'), ('但是', '可是'), ('因为', '由于'), ('所以', '因此'), ('马上', '立刻'),
            ('解决', '处理好'), ('说法', '交代'), ('反映', '投诉'), ('我们', '咱们'), ('很多', '不少'), ('怎么办', '该怎么处理'),
            ('部门', '单位'), ('为什么', '凭什么'), ('太', '实在太'), ('到现在', '至今'), ('找过', '去找了')]

def sentences(text):
    return [s for s in re.split(r'(?<=[。！？；])', text) if s]

def light(title, content):
    kinds = random.sample(['plea', 'drop', 'typo', 'numbers', 'exact'], random.choice([1, 2]))
    if 'exact' in kinds:
        return title, content
    if 'plea' in kinds:
        content = random.choice(openers) + content + random.choice(closers)
    if 'drop' in kinds:
        parts = sentences(content)
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

def reword(title, content):
    for a, b in random.sample(synonyms, len(synonyms)):
        if random.random() < 0.7:
            content = content.replace(a, b)
    parts = sentences(content)
    if len(parts) >= 3:
        middle = parts[1:]
        random.shuffle(middle)
        parts = [parts[0]] + middle
    content = random.choice(openers) + ''.join(parts) + random.choice(closers)
    title = random.choice(['再次反映：', '关于', '还是', '']) + title.replace('问题', '的事')
    return title, content

def shortened(title, content):
    # A phone message (短信/留言): the first sentence or two, no punctuation, a few words of context.
    parts = sentences(content)
    keep = ''.join(parts[:random.choice([1, 2])])
    keep = keep[:random.randint(30, 60)]
    keep = re.sub(r'[，。！？；、：“”（）]', ' ', keep).strip()
    return random.choice([title[:8], '求助', title]), random.choice(['', '之前反映的事 ', '还是那个事 ']) + keep + random.choice(['', ' 请回复', ' 什么时候能解决'])

def new_plea(title, content):
    return title, content + random.choice(developments) + random.choice(pleas)

surnames = '王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗'
places = ['拱墅区和睦街道', '西湖区转塘街道', '上城区笕桥街道', '滨江区长河街道', '余杭区闲林街道', '临平区东湖街道', '钱塘区白杨街道', '萧山区城厢街道']
estates = ['翠苑一区', '金色家园', '新华坊', '阳光花苑', '丁桥小区', '紫金港苑', '红星村', '东岳村', '幸福里', '和平小区']
jobs = ['退休工人', '个体户', '外来务工人员', '下岗职工', '退休教师', '农民', '快递员', '残疾人']

def persona():
    # Many petitioners open (and sign) every letter the same way, whatever the matter: the shared
    # self-introduction is what makes two matters of one person look alike by characters.
    name = random.choice(surnames) + random.choice(['某', '某某'])
    intro = random.choice([
        f'本人{name}，家住{random.choice(places)}{random.choice(estates)}{random.randint(1, 30)}幢，{random.choice(jobs)}，今年{random.randint(35, 80)}岁。',
        f'我叫{name}，是{random.choice(places)}{random.choice(estates)}的居民，{random.choice(jobs)}。',
        f'尊敬的领导：我是{random.choice(places)}{random.choice(estates)}{random.randint(1, 30)}幢{random.randint(1, 6)}0{random.randint(1, 4)}室的{random.choice(jobs)}{name}。'])
    sign = random.choice(['', f'联系人：{name}，联系电话：1{random.choice("3578")}{random.randint(100000000, 999999999)}。',
                          f'反映人：{name}，{random.choice(places)}{random.choice(estates)}。'])
    return intro, sign

def build(name, written, hand_rows, seed):
    random.seed(seed)
    start = datetime.datetime(2025, 1, 1, 8, 0, 0)
    items, pairs = [], []
    counter = [0]
    def add(title, content, user, at, recipient):
        counter[0] += 1
        iid = f'{name[0].upper()}{counter[0]:05d}'
        items.append([iid, title, content, user, at, recipient])
        return iid
    originals = []
    for n, (title, content, label) in enumerate(written):
        at = start + datetime.timedelta(minutes=random.randint(0, 300 * 24 * 60))
        originals.append({'id': add(title, content, f'{name}-U{n:05d}', at, random.choice(recipients)), 'title': title, 'content': content, 'raw': content,
                          'label': label, 'at': at})
    by_id = {x[0]: x for x in items}
    # Same petitioner, different matter: 150 written petitioners also sent a second letter (their own
    # items stay originals); for half of them the second letter is of the same class (same topic).
    pool = random.sample(originals, 300)
    same_class, used = [], set()
    for o in pool:
        if o['id'] in used:
            continue
        mate = next((m for m in pool if m['id'] not in used and m['id'] != o['id'] and m['label'] == o['label']), None)
        if mate is not None and len(same_class) < 75:
            used.update([o['id'], mate['id']]); same_class.append((o, mate))
    rest = [o for o in pool if o['id'] not in used]
    others = same_class + [(rest[k], rest[k + 1]) for k in range(0, min(150, len(rest) - 1), 2)][:150 - len(same_class)]
    personas = {}
    for a, b in others:
        by_id[b['id']][3] = by_id[a['id']][3]
        if random.random() < 0.6:
            intro, sign = persona()
            personas[by_id[a['id']][3]] = (intro, sign)
            for o in (a, b):
                o['content'] = intro + o['content'] + sign
                by_id[o['id']][2] = o['content']
    spom = len(others)
    kinds = {'light': light, 'reword': reword, 'short': shortened, 'plea': new_plea}
    repeat_of = random.sample(originals, 220)
    counts = {k: 0 for k in kinds}
    for i, o in enumerate(repeat_of):
        kind = list(kinds)[i % 4]
        t, c = kinds[kind](o['title'], o['raw'] if kind == 'short' else o['content'])
        if kind == 'short' and by_id[o['id']][3] in personas:
            c = personas[by_id[o['id']][3]][0] + c  # the caller introduces themself, then says the matter
        counts[kind] += 1
        rid = add(t, c, by_id[o['id']][3], o['at'] + datetime.timedelta(days=random.randint(10, 300), minutes=random.randint(0, 600)), random.choice(recipients))
        pairs.append((o['id'], rid))
    rest = [o for o in originals if o not in repeat_of]
    multi = random.sample(rest, 50)
    for o in multi:
        orig = by_id[o['id']]
        add(o['title'], o['content'], orig[3], o['at'] + datetime.timedelta(hours=random.randint(0, 30)), random.choice([r for r in recipients if r != orig[5]]))
    neighbours = random.sample([o for o in rest if o not in multi], 60)
    for n, o in enumerate(neighbours):
        t, c = reword(o['title'], o['content'])
        add(t, c, f'{name}-N{n:05d}', o['at'] + datetime.timedelta(days=random.randint(0, 60)), random.choice(recipients))
    # The hand-written petitioners: matters A, B (C) and a re-send of A, in that order in time.
    hand_pairs = hand_spom = 0
    people = sorted({r['person'] for r in hand_rows})
    for person in people:
        mine = [r for r in hand_rows if r['person'] == person]
        intro, sign = persona() if random.random() < 0.6 else ('', '')
        at = start + datetime.timedelta(days=random.randint(0, 200))
        first = {}
        for r in mine:
            at = at + datetime.timedelta(days=random.randint(5, 60), hours=random.randint(0, 10))
            rid = add(r['title'], intro + r['content'] + (sign if r['kind'] != 'shortened' else ''), f'{name}-{person}', at, random.choice(recipients))
            if r['kind'] in ('original', 'different'):
                first[r['matter']] = rid
            else:
                pairs.append((first[r['matter']], rid)); hand_pairs += 1
        hand_spom += len(mine) * (len(mine) - 1) // 2 - sum(1 for r in mine if r['kind'] not in ('original', 'different'))
    items.sort(key=lambda x: x[4])
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, f'repeat-{name}-items.tsv'), 'w', encoding='utf-8') as f:
        f.write('id\ttitle\tcontent\tuser\ttime\trecipient\n')
        for i, t, c, u, at, r in items:
            f.write(f'{i}\t{t}\t{c}\t{u}\t{at:%Y-%m-%d %H:%M:%S}\t{r}\n')
    with open(os.path.join(out, f'repeat-{name}-pairs.tsv'), 'w', encoding='utf-8') as f:
        f.write('id1\tid2\n')
        for a, b in pairs:
            f.write(f'{a}\t{b}\n')
    print(f'{name}: {len(items)} items, {len(pairs)} true repeat pairs (written: {counts}, hand-written: {hand_pairs}); '
          f'50 multi-sends, 60 other petitioners on the same matter, same petitioner other matter: {spom} written pairs '
          f'({len(same_class)} of the same class) + {hand_spom} hand-written pairs ({len(people)} petitioners)')

build('tune', halves['tune'], [r for r in hand if r['set'] == 'tune'], 15)
build('report', halves['report'], [r for r in hand if r['set'] == 'report'], 1015)
