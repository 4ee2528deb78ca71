import json, sys, traceback
sys.path.insert(0, ".")
tests = []
def test(fn):
    tests.append(fn)
    return fn
failures = []
try:
    import chunks as m
except Exception as e:
    print(json.dumps({"score": 0.0, "feedback": "cannot import chunks.py: " + type(e).__name__ + ": " + str(e)}))
    sys.exit(0)
@test
def exact():
    assert m.chunks([1, 2, 3, 4], 2) == [[1, 2], [3, 4]]
@test
def remainder():
    assert m.chunks([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
@test
def bad_size():
    try:
        m.chunks([1], 0)
    except ValueError:
        return
    raise AssertionError("no ValueError")
passed = 0
for t in tests:
    try:
        t()
        passed += 1
    except Exception as e:
        failures.append(t.__name__ + ": " + (type(e).__name__ + ": " + str(e))[:200])
print(json.dumps({"score": passed / len(tests), "feedback": ("all %d tests passed" % len(tests)) if not failures else "; ".join(failures[:6])}))
