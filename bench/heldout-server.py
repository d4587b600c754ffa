#!/usr/bin/env python3
"""A held-out streaming chat server for bench/accuracy.sh (SERVER=heldout): written apart from the
Java servers the harness was developed against (LoadServer, ScriptedServer), in another language and
runtime (Python asyncio, as uvicorn-based servers are), so that an accuracy figure is not one the
harness was tuned to. It answers every POST in the wire format its path names (/v1/messages:
Anthropic, /api/chat: Ollama NDJSON, anything else: OpenAI SSE), the first content chunk FIRST_MS
after the request was complete and one every EVERY_MS after that, and logs per request, on its own
monotonic clock, when each content chunk was handed to the socket (ms after the request was complete).

--framing says how a frame leaves, as servers seen in the wild write them:
  frame  one write per SSE event or NDJSON line (Go's net/http with a flush per line, uvicorn)
  line   one write per line: an Anthropic event's `event:` and `data:` lines and the blank line that
         ends it are three writes, as a server printing field by field sends them
  split  a frame in two writes: its first half, then the rest 1 ms later (a proxy that cuts frames)
--late-head sends the response head with the first frame rather than at once (Go sends its head on
the first flush). Loopback only; exits after --max-seconds.
Usage: heldout-server.py --port-file F --log F [--framing frame|line|split] [--late-head]
       [--chunks 20] [--first-ms 80] [--every-ms 20] [--max-seconds 600]
"""
import argparse
import asyncio
import json
import time

OPENAI_CONTENT = ('data: {"id":"x","object":"chat.completion.chunk","model":"held-out","choices":[{"index":0,'
                  '"delta":{"content":" tok"},"finish_reason":null}]}\n\n')
FORMATS = {
    "openai": {
        "type": "text/event-stream",
        "preamble": ['data: {"id":"x","object":"chat.completion.chunk","model":"held-out","choices":[{"index":0,'
                     '"delta":{"role":"assistant","content":""},"finish_reason":null}]}\n\n'],
        "content": OPENAI_CONTENT,
        "last": OPENAI_CONTENT.replace('"finish_reason":null', '"finish_reason":"length"'),
        "end": ['data: {"id":"x","object":"chat.completion.chunk","model":"held-out","choices":[],'
                '"usage":{"prompt_tokens":%(p)d,"completion_tokens":%(c)d}}\n\n', "data: [DONE]\n\n"],
    },
    "anthropic": {
        "type": "text/event-stream",
        "preamble": ['event: message_start\ndata: {"type":"message_start","message":{"id":"x","type":"message",'
                     '"role":"assistant","content":[],"model":"held-out","usage":{"input_tokens":0,"output_tokens":1}}}\n\n',
                     'event: content_block_start\ndata: {"type":"content_block_start","index":0,'
                     '"content_block":{"type":"text","text":""}}\n\n',
                     'event: ping\ndata: {"type": "ping"}\n\n'],
        "content": 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,'
                   '"delta":{"type":"text_delta","text":" tok"}}\n\n',
        "end": ['event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
                'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"max_tokens",'
                '"stop_sequence":null},"usage":{"input_tokens":%(p)d,"output_tokens":%(c)d}}\n\n',
                'event: message_stop\ndata: {"type":"message_stop"}\n\n'],
    },
    "ollama": {
        "type": "application/x-ndjson",
        "preamble": [],
        "content": '{"model":"held-out","created_at":"2026-12-06T00:00:00Z","message":{"role":"assistant",'
                   '"content":" tok"},"done":false}\n',
        "end": ['{"model":"held-out","created_at":"2026-12-06T00:00:00Z","message":{"role":"assistant","content":""},'
                '"done":true,"done_reason":"length","total_duration":1,"load_duration":1,"prompt_eval_count":%(p)d,'
                '"prompt_eval_duration":1,"eval_count":%(c)d,"eval_duration":1}\n'],
    },
}
FORMATS["anthropic"]["last"] = FORMATS["anthropic"]["content"]
FORMATS["ollama"]["last"] = FORMATS["ollama"]["content"]


def chunked(text):
    data = text.encode()
    return b"%x\r\n" % len(data) + data + b"\r\n"


class Server:
    def __init__(self, args):
        self.args = args
        self.log = open(args.log, "w") if args.log else None

    async def handle(self, reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                path = lines[0].split(" ")[1]
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        k, v = line.split(":", 1)
                        headers[k.strip().lower()] = v.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                received = time.monotonic_ns()
                keep = await self.answer(writer, path, headers, body, received)
                if not keep:
                    break
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def write(self, writer, text):
        """One frame as --framing says; returns the monotonic stamp taken just before its first write."""
        framing = self.args.framing
        if framing == "frame":
            parts = [text]
        elif framing == "line":
            parts = [line + "\n" for line in text.split("\n")[:-1]] if text.endswith("\n") else [text]
        else:
            half = max(1, len(text) // 2)
            parts = [text[:half], text[half:]]
        stamp = time.monotonic_ns()
        for i, part in enumerate(parts):
            if framing == "split" and i > 0:
                await asyncio.sleep(0.001)
            writer.write(chunked(part))
            await writer.drain()
        return stamp

    async def sleep_until(self, received, ms):
        wait = received / 1e9 + ms / 1000 - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)

    async def answer(self, writer, path, headers, body, received):
        fmt = FORMATS["anthropic" if path.startswith("/v1/messages") else "ollama" if path.startswith("/api/chat") else "openai"]
        keep = headers.get("connection", "").lower() != "close"
        head = ("HTTP/1.1 200 OK\r\ncontent-type: %s\r\ntransfer-encoding: chunked\r\n%s\r\n"
                % (fmt["type"], "" if keep else "connection: close\r\n")).encode()
        late = self.args.late_head
        if not late:
            writer.write(head)
            for frame in fmt["preamble"]:
                await self.write(writer, frame)
        sent = []
        n = self.args.chunks
        for i in range(n):
            await self.sleep_until(received, self.args.first_ms + i * self.args.every_ms)
            if late and i == 0:
                writer.write(head)
                for frame in fmt["preamble"]:
                    await self.write(writer, frame)
            stamp = await self.write(writer, fmt["last"] if i == n - 1 else fmt["content"])
            sent.append(round((stamp - received) / 1e6, 4))
        prompt = max(1, len(body) // 5)
        for frame in fmt["end"]:
            await self.write(writer, frame % {"p": prompt, "c": n} if "%(" in frame else frame)
        writer.write(b"0\r\n\r\n")
        await writer.drain()
        if self.log:
            self.log.write(json.dumps({"request_id": headers.get("x-request-id", ""), "sent_ms": sent}) + "\n")
            self.log.flush()
        return keep


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port-file")
    p.add_argument("--log")
    p.add_argument("--framing", choices=["frame", "line", "split"], default="frame")
    p.add_argument("--late-head", action="store_true")
    p.add_argument("--chunks", type=int, default=20)
    p.add_argument("--first-ms", type=float, default=80)
    p.add_argument("--every-ms", type=float, default=20)
    p.add_argument("--max-seconds", type=float, default=600)
    args = p.parse_args()
    server = await asyncio.start_server(Server(args).handle, "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    if args.port_file:
        with open(args.port_file, "w") as f:
            f.write(str(port))
    print("held-out server on port %d, framing %s%s" % (port, args.framing, ", late head" if args.late_head else ""),
          flush=True)
    async with server:
        try:
            await asyncio.wait_for(server.serve_forever(), args.max_seconds)
        except asyncio.TimeoutError:
            pass


if __name__ == "__main__":
    asyncio.run(main())
