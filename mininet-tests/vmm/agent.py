"""A tiny TCP/UDP echo service run inside a Mininet host's namespace.

    /usr/bin/python3 agent.py serve TCP_PORT UDP_PORT
    /usr/bin/python3 agent.py loop ADDRESS TCP_PORT INTERVAL_SECONDS

Answers every TCP connection and every UDP datagram with one line
    <proto> peer=<peer address> local=<local address> data=<first line received>
so the client learns which address the server saw it come from (the translation under test
rewrites addresses), and logs the same line on stdout. Prints 'ready' once both sockets listen.
Exits on SIGTERM/SIGINT.

`loop` is a client (the demo's live request loop): every INTERVAL it opens a TCP connection to
ADDRESS:TCP_PORT, sends 'request <n>' and prints one line per request:
    <time> #<n> <rtt ms> ms <reply>        or        <time> #<n> FAILED <error>
"""

import signal
import socket
import sys
import threading


def log(line):
    sys.stdout.write(line + '\n')
    sys.stdout.flush()


def listening(kind, family, port):
    """A socket bound to every address of a family (IPv6: IPv6 only, IPv4 has its own)."""
    sock = socket.socket(family, kind)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6:
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    sock.bind(('::' if family == socket.AF_INET6 else '0.0.0.0', port))
    return sock


def serve_tcp(port, family=socket.AF_INET):
    sock = listening(socket.SOCK_STREAM, family, port)
    sock.listen(64)

    def handle(conn, peer):
        try:
            conn.settimeout(3)
            data = b''
            while b'\n' not in data and len(data) < 4096:
                chunk = conn.recv(4096)
                if not chunk:
                    break
                data += chunk
            text = data.decode('utf-8', 'replace').split('\n')[0]
            line = 'tcp peer=%s local=%s data=%s' % (peer[0], conn.getsockname()[0], text)
            conn.sendall((line + '\n').encode())
            log(line)
        except OSError as exc:
            log('tcp error peer=%s %s' % (peer[0], exc))
        finally:
            conn.close()

    def loop():
        while True:
            conn, peer = sock.accept()
            threading.Thread(target=handle, args=(conn, peer), daemon=True).start()

    return sock, loop


def serve_udp(port, family=socket.AF_INET):
    sock = listening(socket.SOCK_DGRAM, family, port)

    def loop():
        while True:
            data, peer = sock.recvfrom(4096)
            text = data.decode('utf-8', 'replace').split('\n')[0]
            line = 'udp peer=%s local=- data=%s' % (peer[0], text)
            try:
                sock.sendto((line + '\n').encode(), peer)
            except OSError as exc:
                line += ' (reply failed: %s)' % exc
            log(line)

    return sock, loop


def request_loop(address, port, interval):
    import time
    number = 0
    while True:
        number += 1
        began = time.monotonic()
        stamp = time.strftime('%H:%M:%S') + '.%03d' % int((time.time() % 1) * 1000)
        try:
            with socket.create_connection((address, port), timeout=1) as conn:
                conn.settimeout(1)
                conn.sendall(('request %d\n' % number).encode())
                reply = conn.recv(4096).decode('utf-8', 'replace').strip()
            rtt = (time.monotonic() - began) * 1000
            log('%s #%d %.1f ms %s' % (stamp, number, rtt, reply) if reply
                else '%s #%d FAILED empty reply' % (stamp, number))
        except OSError as exc:
            log('%s #%d FAILED %s' % (stamp, number, exc))
        time.sleep(max(0.0, interval - (time.monotonic() - began)))


def main(argv):
    if len(argv) == 5 and argv[1] == 'loop':
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            request_loop(argv[2], int(argv[3]), float(argv[4]))
        except KeyboardInterrupt:
            pass
        return 0
    if len(argv) != 4 or argv[1] != 'serve':
        sys.stderr.write(__doc__)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    loops = [serve_tcp(int(argv[2]))[1], serve_udp(int(argv[3]))[1]]
    try:
        # IPv6 too where the host has it (dual-stack tests); most hosts have it disabled
        loops += [serve_tcp(int(argv[2]), socket.AF_INET6)[1], serve_udp(int(argv[3]), socket.AF_INET6)[1]]
    except OSError:
        pass
    for loop in loops:
        threading.Thread(target=loop, daemon=True).start()
    log('ready')
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
