#!/usr/bin/python3
"""A 1 kHz UDP prober and a silent UDP echo, run inside Mininet hosts' namespaces by the benchmarks.

    prober.py echo PORT
    prober.py probe ADDRESS PORT INTERVAL_MS

echo answers every datagram with the same bytes (no logging, so it never blocks on a full pipe).
probe sends one datagram every INTERVAL_MS to ADDRESS:PORT from an unconnected socket and accepts only replies
whose source is ADDRESS (the home address under test). It prints one line per change of state, with
CLOCK_MONOTONIC times (shared by every network namespace, so the benchmark can compare them with its own):
    ready
    up <recv time> <seq>        first reply after a gap of more than 3 intervals (or the first ever)
    down <time of last reply>   no reply for 3 intervals
    stats <sent> <received>     on SIGTERM
"""

import select
import signal
import socket
import struct
import sys
import time


def echo(port):
    try:
        # both families where the host has IPv6 (the dual-stack benchmarks)
        sock = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.bind(('::', port))
    except OSError:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(('0.0.0.0', port))
    print('ready', flush=True)
    while True:
        data, peer = sock.recvfrom(2048)
        try:
            sock.sendto(data, peer)
        except OSError:
            pass


def probe(address, port, interval_ms):
    interval = interval_ms / 1000.0
    sock = socket.socket(socket.AF_INET6 if ':' in address else socket.AF_INET, socket.SOCK_DGRAM)
    sock.setblocking(False)
    state = {'sent': 0, 'received': 0}

    def finish(*_):
        print('stats %d %d' % (state['sent'], state['received']), flush=True)
        sys.exit(0)

    signal.signal(signal.SIGTERM, finish)
    print('ready', flush=True)
    seq = 0
    up = False
    last_reply = None
    next_send = time.monotonic()
    while True:
        now = time.monotonic()
        if now >= next_send:
            seq += 1
            try:
                sock.sendto(struct.pack('!Qd', seq, now), (address, port))
                state['sent'] += 1
            except OSError:
                pass
            next_send += interval
            if next_send < now:
                next_send = now + interval
        if up and last_reply is not None and now - last_reply > 3 * interval:
            up = False
            print('down %.6f' % last_reply, flush=True)
        ready, _, _ = select.select([sock], [], [], max(0.0, next_send - time.monotonic()))
        if not ready:
            continue
        while True:
            try:
                data, peer = sock.recvfrom(2048)
            except BlockingIOError:
                break
            received = time.monotonic()
            if peer[0] != address or len(data) < 16:
                continue
            state['received'] += 1
            got_seq = struct.unpack('!Qd', data[:16])[0]
            if not up:
                up = True
                print('up %.6f %d' % (received, got_seq), flush=True)
            last_reply = received


def main(argv):
    if len(argv) == 3 and argv[1] == 'echo':
        echo(int(argv[2]))
    elif len(argv) == 5 and argv[1] == 'probe':
        probe(argv[2], int(argv[3]), float(argv[4]))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
