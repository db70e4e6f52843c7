"""northstar/stack.py: deep calls inside `with_stack_room` stay in one chunk of CPython's frame stack."""

import resource
import sys
import threading

import pytest

from northstar.stack import RoomyThreads, with_stack_room

pytestmark = pytest.mark.skipif(not hasattr(resource, "RUSAGE_THREAD"), reason="per-thread page faults are Linux's")


def down(depth: int) -> int:
    return down(depth - 1) if depth else 0


def page_faults_while_recursing(passes: int = 2000, depth: int = 300) -> int:
    """This thread's minor page faults while its calls go `depth` frames deeper and back, `passes` times.

    300 small frames take about 25 KiB of frame stack: more than a 16 KiB chunk, so every pass
    crosses a chunk boundary, wherever the caller's frames end.
    """
    before = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
    for _ in range(passes):
        down(depth)
    return resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - before


def test_calls_deeper_than_a_chunk_map_no_new_memory_inside_a_roomy_call():
    if sys.version_info < (3, 13):
        # The cost it removes: without room, each pass maps a new chunk and faults its pages in.
        assert page_faults_while_recursing() >= 2000
    assert with_stack_room(page_faults_while_recursing)() < 100


def test_a_roomy_call_takes_and_gives_what_the_function_does():
    def combine(a, b=0, *, c):
        """Adds."""
        return a + b + c

    roomy = with_stack_room(combine)
    assert roomy(1, 2, c=3) == 6
    assert roomy(1, c=3) == 4
    assert (roomy.__name__, roomy.__doc__) == ("combine", "Adds.")
    with pytest.raises(TypeError):
        roomy(1)


def test_roomy_threads_run_what_is_submitted_and_hand_back_results_and_errors():
    pool = RoomyThreads(2, name="test")
    try:
        assert pool.submit(pow, 2, 10).result(timeout=10) == 1024
        assert pool.submit(lambda: threading.current_thread().name).result(timeout=10).startswith("test_")
        with pytest.raises(ZeroDivisionError):
            pool.submit(lambda: 1 / 0).result(timeout=10)
        # Deep calls in a pool thread map no frame stack, request after request.
        assert sum(pool.submit(page_faults_while_recursing, 200).result(timeout=60) for _ in range(10)) < 100
    finally:
        pool.shutdown()
    assert not any(thread.is_alive() for thread in pool.threads)
    with pytest.raises(RuntimeError):
        pool.submit(pow, 2, 3)
