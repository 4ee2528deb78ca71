import json, sys, traceback
sys.path.insert(0, ".")
tests = []
def test(fn):
    tests.append(fn)
    return fn
failures = []
try:
    import palindrome as m
except Exception as e:
    print(json.dumps({"score": 0.0, "feedback": "cannot import palindrome.py: " + type(e).__name__ + ": " + str(e)}))
    sys.exit(0)
@test
def sentence():
    assert m.is_palindrome("A man, a plan, a canal: Panama")
@test
def not_one():
    assert not m.is_palindrome("race a car")
@test
def empty():
    assert m.is_palindrome("")
@test
def digits():
    assert m.is_palindrome("ab1") is False and m.is_palindrome("12 3 21")
passed = 0
for t in tests:
    try:
        t()
        passed += 1
    except Exception as e:
        failures.append(t.__name__ + ": " + (type(e).__name__ + ": " + str(e))[:200])
print(json.dumps({"score": passed / len(tests), "feedback": ("all %d tests passed" % len(tests)) if not failures else "; ".join(failures[:6])}))
