import json, sys, traceback
sys.path.insert(0, ".")
tests = []
def test(fn):
    tests.append(fn)
    return fn
failures = []
try:
    import flatten as m
except Exception as e:
    print(json.dumps({"score": 0.0, "feedback": "cannot import flatten.py: " + type(e).__name__ + ": " + str(e)}))
    sys.exit(0)
@test
def deep():
    assert m.flatten([1, [2, [3, [4]]], 5]) == [1, 2, 3, 4, 5]
@test
def keeps_strings_and_tuples():
    assert m.flatten(["ab", [(1, 2)], []]) == ["ab", (1, 2)]
@test
def empty():
    assert m.flatten([]) == []
passed = 0
for t in tests:
    try:
        t()
        passed += 1
    except Exception as e:
        failures.append(t.__name__ + ": " + (type(e).__name__ + ": " + str(e))[:200])
print(json.dumps({"score": passed / len(tests), "feedback": ("all %d tests passed" % len(tests)) if not failures else "; ".join(failures[:6])}))
