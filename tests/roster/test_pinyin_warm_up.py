"""pinyin.warm_up(): pypinyin's dictionaries loaded in a background thread change no key, and
keys asked for while the thread is still loading wait for it rather than go wrong."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Polyphonic characters and phrases: the phrase dictionary decides these (重庆 chong, 银行 hang).
WORDS = ["重庆市", "银行", "单雄信", "曾国藩", "长春路", "朴树", "解放军", "乐清", "安𪚥", "Ava 李", ""]

KEYS = textwrap.dedent("""
    import json, sys, threading
    from desktop.roster import pinyin
    words = json.loads(sys.argv[1])
    mode = sys.argv[2]
    thread = pinyin.warm_up() if mode != "cold" else None
    results = []
    if mode == "racing":  # many threads ask while the dictionaries are still loading
        def ask():
            results.append([pinyin.pinyin_key.__wrapped__(w) for w in words])
        askers = [threading.Thread(target=ask) for _ in range(8)]
        for asker in askers:
            asker.start()
        for asker in askers:
            asker.join()
    results.append([pinyin.pinyin_key(w) for w in words])
    if thread is not None:
        thread.join()
    print(json.dumps({"keys": results, "again": pinyin.warm_up() is thread,
                      "thread": thread is not None and not thread.is_alive()}))
""")


def keys(mode: str) -> dict:
    done = subprocess.run([sys.executable, "-c", KEYS, json.dumps(WORDS), mode], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_warm_up_changes_no_key():
    cold, warm = keys("cold"), keys("warm")
    assert warm["keys"] == cold["keys"]
    assert cold["keys"][0][:2] == ["chong2 qing4 shi4", "yin2 hang2"]
    assert warm["thread"] and warm["again"]  # one thread per process, finished


def test_keys_asked_while_the_dictionaries_load_are_the_same():
    cold = keys("cold")["keys"][0]
    racing = keys("racing")
    assert len(racing["keys"]) == 9 and all(k == cold for k in racing["keys"])


def test_no_thread_once_pypinyin_is_loaded(monkeypatch):
    from desktop.roster import pinyin

    pinyin.pinyin_key("预热")  # loads pypinyin here, if no other test did
    started = []
    monkeypatch.setattr(pinyin, "_warming", None)
    monkeypatch.setattr(pinyin.threading, "Thread", lambda *a, **k: started.append(k) or None)
    assert pinyin.warm_up() is None
    assert started == []
