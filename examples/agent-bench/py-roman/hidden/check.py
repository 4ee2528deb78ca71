import json, sys, traceback
sys.path.insert(0, ".")
tests = []
def test(fn):
    tests.append(fn)
    return fn
failures = []
try:
    import roman as m
except Exception as e:
    print(json.dumps({"score": 0.0, "feedback": "cannot import roman.py: " + type(e).__name__ + ": " + str(e)}))
    sys.exit(0)
@test
def small():
    assert [m.to_roman(i) for i in (1, 4, 9, 14)] == ["I", "IV", "IX", "XIV"]
@test
def large():
    assert m.to_roman(1994) == "MCMXCIV" and m.to_roman(3999) == "MMMCMXCIX"
@test
def out_of_range():
    for bad in (0, 4000):
        try:
            m.to_roman(bad)
        except ValueError:
            continue
        raise AssertionError("no ValueError for %d" % bad)
passed = 0
for t in tests:
    try:
        t()
        passed += 1
    except Exception as e:
        failures.append(t.__name__ + ": " + (type(e).__name__ + ": " + str(e))[:200])
print(json.dumps({"score": passed / len(tests), "feedback": ("all %d tests passed" % len(tests)) if not failures else "; ".join(failures[:6])}))
