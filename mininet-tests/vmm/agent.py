"""A tiny TCP/UDP echo service run inside a Mininet host's namespace.

    /usr/bin/python3 agent.py serve TCP_PORT UDP_PORT

Answers every TCP connection and every UDP datagram with one line
    <proto> peer=<peer address> local=<local address> data=<first line received>
so the client learns which address the server saw it come from (the translation under test
rewrites addresses), and logs the same line on stdout. Prints 'ready' once both sockets listen.
Exits on SIGTERM/SIGINT.
"""

import signal
import socket
import sys
import threading


def log(line):
    sys.stdout.write(line + '\n')
    sys.stdout.flush()


def serve_tcp(port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(('0.0.0.0', port))
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


def serve_udp(port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(('0.0.0.0', port))

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


def main(argv):
    if len(argv) != 4 or argv[1] != 'serve':
        sys.stderr.write(__doc__)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    _, tcp_loop = serve_tcp(int(argv[2]))
    _, udp_loop = serve_udp(int(argv[3]))
    threading.Thread(target=tcp_loop, daemon=True).start()
    threading.Thread(target=udp_loop, daemon=True).start()
    log('ready')
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
