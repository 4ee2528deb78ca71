import json, sys, traceback
sys.path.insert(0, ".")
tests = []
def test(fn):
    tests.append(fn)
    return fn
failures = []
try:
    import fizzbuzz as m
except Exception as e:
    print(json.dumps({"score": 0.0, "feedback": "cannot import fizzbuzz.py: " + type(e).__name__ + ": " + str(e)}))
    sys.exit(0)
@test
def first_fifteen():
    assert m.fizzbuzz(15)[-1] == "FizzBuzz" and m.fizzbuzz(15)[:5] == ["1", "2", "Fizz", "4", "Buzz"]
@test
def empty():
    assert m.fizzbuzz(0) == []
@test
def length():
    assert len(m.fizzbuzz(100)) == 100 and m.fizzbuzz(100)[98] == "Fizz"
passed = 0
for t in tests:
    try:
        t()
        passed += 1
    except Exception as e:
        failures.append(t.__name__ + ": " + (type(e).__name__ + ": " + str(e))[:200])
print(json.dumps({"score": passed / len(tests), "feedback": ("all %d tests passed" % len(tests)) if not failures else "; ".join(failures[:6])}))
