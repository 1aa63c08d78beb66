#!/usr/bin/env python3
"""Where a registration's CPU goes: CPU_TIME samples of a dotnet-trace speedscope export (dotnet-sampled-thread-time),
each stack put in the first bucket whose frame substring it contains (order matters), in ms per registration.
usage: profile-buckets.py FILE REGISTRATIONS_IN_TRACE"""
import json, sys, collections
f, n = sys.argv[1], float(sys.argv[2])
B = [
 ('audit chain (AuditInterceptor/AuditLog)', ['Xinfang.Web.Audit.']),
 ('text index: jieba tokens, MinHash bands, classifier (TextIndexInterceptor)', ['TextIndexInterceptor']),
 ('statistics facts + monthly delta (StatisticsFactsInterceptor)', ['StatisticsFactsInterceptor']),
 ('blind index of ID/phone (BlindIndexInterceptor)', ['BlindIndexInterceptor']),
 ('other SaveChanges interceptors (idempotency, clocks)', ['SaveChangesInterceptorAggregator']),
 ('EF: commands built and run (SQLite statements, batch)', ['BatchExecutor', 'CommandBatchPreparer']),
 ('EF: change tracking (Add, DetectChanges, accept)', ['DbContext.Add', 'ChangeTracker', 'StateManager', 'ChangeDetector', 'DbContext+<SaveChangesAsync>']),
 ('number (UPDATE … RETURNING)', ['PetitionNumbers']),
 ('registering body read (organizations)', ['SingleAsync']),
 ('answer: PetitionDetail + guard', ['PetitionDetail', 'PetitionGuard']),
 ('domain: Petition.Register, rules, validation', ['Xinfang.Domain', 'RegisterPetition.Validate']),
 ('transaction begin/commit', ['RelationalTransaction', 'BeginTransaction']),
 ('other registration code', ['RegisterPetition']),
 ('JSON (request/response)', ['System.Text.Json']),
 ('sign-in check: cookie + staff session', ['Authentication', 'StaffSessions']),
 ('rest of the request pipeline (Kestrel, middleware)', ['HttpProtocol']),
 ('GC (threads stopped for / running the collector)', ['PollGC', 'RunFinalizers', 'GCHeap', 'gc_heap']),
 ('thread pool idle spin', ['LowLevelLifoSemaphore']),
 ('background services', ['BackgroundService', 'TimerQueue', 'PeriodicTimer']),
]
d = json.load(open(f)); frames = [x['name'] for x in d['shared']['frames']]
acc = collections.Counter(); tot = 0
for p in d['profiles']:
    st = []; last = None
    for e in p['events']:
        if last is not None and st and frames[st[-1]] == 'CPU_TIME':
            t = e['at'] - last; tot += t
            names = [frames[i] for i in st]
            for b, keys in B:
                if any(k in nm for nm in names for k in keys):
                    acc[b] += t; break
            else: acc['other'] += t
        last = e['at']
        if e['type'] == 'O': st.append(e['frame'])
        else:
            while st and st[-1] != e['frame']: st.pop()
            if st: st.pop()
print(f'| where | ms per registration | share |\n|---|---|---|')
for b, _ in B + [('other', None)]:
    if acc[b]: print(f'| {b} | {acc[b]/n:.2f} | {100*acc[b]/tot:.0f} % |')
print(f'| **all managed-thread CPU samples** | **{tot/n:.2f}** | 100 % |')
