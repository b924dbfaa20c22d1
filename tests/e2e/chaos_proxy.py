#!/usr/bin/env python3
"""A fault-injecting TCP proxy for the recording e2e test.

Usage: chaos_proxy.py LISTEN_PORT TARGET_PORT SEED CALM_FILE
Every 0.3-2 s it switches between: up (forward), drop (refuse and cut every open connection),
blackhole (accept, forward nothing: the client times out) and cut (forward, then break the
connection mid-stream). While CALM_FILE exists it just forwards.
"""
import asyncio
import os
import random
import sys

listen_port, target_port, seed, calm_file = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rnd = random.Random(seed)
state = "up"
open_writers = set()


async def chaos():
    global state
    first = True
    while True:
        if os.path.exists(calm_file):
            state = "up"
            await asyncio.sleep(0.1)
            continue
        # The first fault is certain (cut connections), so even a fast sync meets one.
        state = "cut" if first else rnd.choice(["up", "up", "up", "drop", "blackhole", "cut"])
        first = False
        if state == "drop":
            for w in list(open_writers):
                w.transport.abort()
        await asyncio.sleep(rnd.uniform(0.3, 2.0))


async def pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data or state == "drop":
                break
            if state == "blackhole":
                await asyncio.sleep(30)
                break
            if state == "cut" and rnd.random() < 0.5:
                writer.write(data[: len(data) // 2])
                await writer.drain()
                break
            writer.write(data)
            await writer.drain()
    except Exception:
        pass
    finally:
        writer.transport.abort()


async def handle(client_reader, client_writer):
    if state == "drop":
        client_writer.transport.abort()
        return
    try:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target_port)
    except OSError:
        client_writer.transport.abort()  # the centre is down (killed): the station must retry
        return
    open_writers.update({client_writer, server_writer})
    await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))
    open_writers.difference_update({client_writer, server_writer})


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", listen_port)
    asyncio.get_running_loop().create_task(chaos())
    async with server:
        await server.serve_forever()


asyncio.run(main())
