"""Open real WebSocket connections to the production ASGI app, as a given browser."""

from contextlib import asynccontextmanager

from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from northstar.asgi import application

ORIGIN = b"http://localhost"


def session_cookie(client: Client) -> bytes:
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


def communicator(path: str, client: Client | None = None, origin: bytes = ORIGIN) -> WebsocketCommunicator:
    headers = [(b"origin", origin), (b"host", b"localhost")]
    if client is not None:
        headers.append((b"cookie", session_cookie(client)))
    return WebsocketCommunicator(application, path, headers=headers)


@asynccontextmanager
async def connected(path: str, client: Client | None = None):
    socket = communicator(path, client)
    ok, _ = await socket.connect()
    assert ok, f"socket to {path} was refused"
    try:
        yield socket
    finally:
        await socket.disconnect()


async def receive_until(socket: WebsocketCommunicator, text: str, timeout: float = 3) -> str:
    """Read frames until one contains `text`; fail if none does within the timeout."""
    seen = []
    while True:
        frame = await socket.receive_from(timeout=timeout)
        seen.append(frame)
        if text in frame:
            return frame


async def join_as(workshop, name: str) -> Client:
    client = Client()
    await sync_to_async(client.post)(workshop.get_join_url(), {"display_name": name})
    return client


async def facilitator_client(workshop) -> Client:
    client = Client()
    await sync_to_async(client.force_login)(workshop.facilitator)
    return client


async def drain(socket: WebsocketCommunicator, quiet: float = 0.3) -> list[str]:
    """Read everything already sent (the full state on connect, presence notices) until the socket is quiet."""
    frames = []
    while not await socket.receive_nothing(timeout=quiet):
        frames.append(await socket.receive_from())
    return frames


async def open_socket(path: str, client: Client, first: str = 'id="now"') -> WebsocketCommunicator:
    """A socket that is open and has drawn its page (every page has the `now` region)."""
    socket = communicator(path, client)
    ok, _ = await socket.connect()
    assert ok
    await receive_until(socket, first)
    return socket


async def close_code(socket: WebsocketCommunicator) -> int:
    """The code the server closes this socket with, past whatever it still sends first."""
    output = await socket.receive_output(timeout=3)
    while output["type"] != "websocket.close":
        output = await socket.receive_output(timeout=3)
    return output["code"]
