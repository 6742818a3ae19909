#!/usr/bin/env python3
# threads.py PATTERN INTERVAL COUNT: per-thread CPU (cores, user + system) of the java processes whose command line
# contains PATTERN, every INTERVAL seconds, COUNT times (read from /proc/PID/task/*/stat; Linux only)
import os, sys, time
pat, interval, count = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
hz = os.sysconf('SC_CLK_TCK')
def procs():
    out = []
    for p in os.listdir('/proc'):
        if not p.isdigit(): continue
        try:
            cmd = open(f'/proc/{p}/cmdline','rb').read().replace(b'\0',b' ').decode()
        except Exception: continue
        if 'java' in cmd and pat in cmd and 'threadcpu' not in cmd: out.append(p)
    return out
def sample(pids):
    d = {}
    for p in pids:
        try: tasks = os.listdir(f'/proc/{p}/task')
        except Exception: continue
        for t in tasks:
            try:
                s = open(f'/proc/{p}/task/{t}/stat').read()
                name = s[s.index('(')+1:s.rindex(')')]
                f = s[s.rindex(')')+2:].split()
                d[(p,t,name)] = (int(f[11]), int(f[12]))
            except Exception: pass
    return d
pids = procs()
prev = sample(pids); tp = time.time()
for i in range(count):
    time.sleep(interval)
    cur = sample(pids); tn = time.time(); dt = tn - tp
    rows = []
    for k,(u,s) in cur.items():
        pu, ps = prev.get(k, (0,0))
        c = ((u-pu)+(s-ps))/hz/dt
        if c >= 0.02: rows.append((c, (u-pu)/hz/dt, (s-ps)/hz/dt, k))
    rows.sort(reverse=True)
    print(f'--- {time.strftime("%H:%M:%S")} total {sum(r[0] for r in rows):.2f} cores')
    for c,u,s,k in rows[:14]: print(f'  {c:5.2f} (u {u:4.2f} s {s:4.2f}) pid {k[0]} {k[2]}')
    prev, tp = cur, tn
