import json, sys, traceback
sys.path.insert(0, ".")
tests = []
def test(fn):
    tests.append(fn)
    return fn
failures = []
try:
    import stats as m
except Exception as e:
    print(json.dumps({"score": 0.0, "feedback": "cannot import stats.py: " + type(e).__name__ + ": " + str(e)}))
    sys.exit(0)
@test
def odd():
    assert m.median([3, 1, 2]) == 2
@test
def even():
    assert m.median([4, 1, 3, 2]) == 2.5
@test
def leaves_input():
    xs = [3, 1, 2]
    m.median(xs)
    assert xs == [3, 1, 2]
@test
def empty():
    try:
        m.median([])
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
