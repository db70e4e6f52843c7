"""`with_stack_room(function)`: the function runs with room on CPython's frame stack.

CPython keeps Python frames in chunks of 16 KiB, and gives a chunk back to the operating
system as soon as the frame that opened it returns. A call one frame past the end of a
chunk maps a new one, and its return unmaps it. Django renders templates by recursion,
deep enough to reach such a boundary, and a template loop at that depth crosses it on every
pass: on the participant's evaluation page, hundreds of mmap, munmap and page-fault rounds
per request, half of the server's CPU. CPython keeps a spare chunk since its spring 2026
releases of 3.13 and 3.14 (python/cpython#142183); 3.11 and 3.12, which this project runs
on (the Dockerfile's image is 3.11), never will.

The function runs below one frame that has a few thousand local variables it never uses.
That frame does not fit in the chunk its caller is in, so CPython opens a chunk of 64 KiB
for it, and the frames of the function's own calls fill the rest of that chunk (about
39 KiB: several hundred frames) instead of crossing into new ones. The chunk goes back
once, when the function returns. Wrap what a thread runs for a whole render, not every
call inside it: each wrapped call opens a chunk of its own. `RoomyThreads` is a pool whose
threads run their whole life in one such call, so their requests map no frame stack at all.
"""

import functools
import queue
import threading
import types
from concurrent.futures import Executor, Future

# Unused local variables of the roomy frame. With the frame's other slots it needs more
# than 32 KiB with CPython's reserve (1,000 slots), so its chunk is 64 KiB; about 25 KiB
# of that is the frame itself.
ROOM_SLOTS = 3200


def _call(function, /, *args, **kwargs):
    return function(*args, **kwargs)


_roomy_call = types.FunctionType(
    _call.__code__.replace(
        co_varnames=_call.__code__.co_varnames + tuple(f"_room{i}" for i in range(ROOM_SLOTS)),
        co_nlocals=_call.__code__.co_nlocals + ROOM_SLOTS,
    ),
    _call.__globals__,
    "roomy_call",
)


def with_stack_room(function):
    """`function`, called below a frame that opens a 64 KiB chunk of CPython's frame stack."""

    @functools.wraps(function)
    def roomy(*args, **kwargs):
        return _roomy_call(function, *args, **kwargs)

    return roomy


class RoomyThreads(Executor):
    """`threads` threads that run what is submitted in turn, each thread inside `with_stack_room`.

    The threads start with the first submission and are daemons: a process that exits does
    not wait for them (a request cut short rolls its transaction back).
    """

    def __init__(self, threads: int, name: str) -> None:
        self.size = threads
        self.name = name
        self.work: queue.SimpleQueue = queue.SimpleQueue()
        self.threads: list[threading.Thread] = []
        self.starting = threading.Lock()
        self.closed = False

    def submit(self, fn, /, *args, **kwargs) -> Future:
        if self.closed:
            raise RuntimeError("cannot schedule new futures after shutdown")
        if not self.threads:
            with self.starting:
                if not self.threads:
                    self.threads = [
                        threading.Thread(target=with_stack_room(self.serve), name=f"{self.name}_{n}", daemon=True)
                        for n in range(self.size)
                    ]
                    for thread in self.threads:
                        thread.start()
        future: Future = Future()
        self.work.put((future, fn, args, kwargs))
        return future

    def serve(self) -> None:
        while (item := self.work.get()) is not None:
            _run(*item)
            del item  # its arguments go now, not when the next item comes

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.closed = True
        while cancel_futures:
            try:
                item = self.work.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                item[0].cancel()
        for _ in self.threads:
            self.work.put(None)
        if wait:
            for thread in self.threads:
                thread.join()


def _run(future: Future, fn, args: tuple, kwargs: dict) -> None:
    if not future.set_running_or_notify_cancel():
        return
    try:
        result = fn(*args, **kwargs)
    except BaseException as exc:
        future.set_exception(exc)
    else:
        future.set_result(result)
