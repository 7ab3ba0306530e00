#!/usr/bin/env python3
"""Regenerates Data/golden/* by running the reference veristat (built from Linux 6.12's
tools/testing/selftests/bpf/veristat.c) on every line of Data/cases.txt, from inside Data/.
Usage: tools/regen_golden.py [/path/to/veristat]"""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, '..', 'Data')
veristat = sys.argv[1] if len(sys.argv) > 1 else '/opt/oracle/bin/veristat'
golden = os.path.join(data, 'golden')
os.makedirs(golden, exist_ok=True)

with open(os.path.join(data, 'cases.txt')) as f:
    for line in f:
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        name, args = line.split('\t', 1)
        argv = [a.replace('\\s', ' ') for a in args.split(' ')]
        p = subprocess.run(['veristat'] + argv, executable=veristat, cwd=data, capture_output=True)
        for ext, content in (('out', p.stdout), ('err', p.stderr), ('rc', b'%d\n' % p.returncode)):
            with open(os.path.join(golden, name + '.' + ext), 'wb') as g:
                g.write(content)
