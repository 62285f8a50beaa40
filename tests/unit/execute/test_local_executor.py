import os

from storyline.execute import LocalExecutor, SerialExecutor


def square(x: int) -> int:
    return x * x


def die_on_seven(x: int) -> int:
    if x == 7:
        os._exit(1)  # a crash in native code, as far as the pool can tell
    return x


def on_crash(x: int, message: str) -> int:
    assert "died" in message
    return -x


def test_serial_and_local_agree_and_keep_order() -> None:
    items = list(range(200))
    serial = list(SerialExecutor().imap(square, items, on_crash))
    with LocalExecutor(workers=2, chunk_size=7) as executor:
        local = list(executor.imap(square, iter(items), on_crash))
    assert serial == local == [x * x for x in items]


def test_a_dying_worker_costs_only_its_item() -> None:
    with LocalExecutor(workers=2, chunk_size=4) as executor:
        results = list(executor.imap(die_on_seven, range(20), on_crash))
    assert results == [(-x if x == 7 else x) for x in range(20)]
