import json, sys, traceback
sys.path.insert(0, ".")
tests = []
def test(fn):
    tests.append(fn)
    return fn
failures = []
try:
    import wordcount as m
except Exception as e:
    print(json.dumps({"score": 0.0, "feedback": "cannot import wordcount.py: " + type(e).__name__ + ": " + str(e)}))
    sys.exit(0)
@test
def simple():
    assert m.word_counts("the cat and the hat") == {"the": 2, "cat": 1, "and": 1, "hat": 1}
@test
def case_and_punctuation():
    assert m.word_counts("It's late. it's LATE!") == {"it's": 2, "late": 2}
@test
def empty():
    assert m.word_counts("") == {}
passed = 0
for t in tests:
    try:
        t()
        passed += 1
    except Exception as e:
        failures.append(t.__name__ + ": " + (type(e).__name__ + ": " + str(e))[:200])
print(json.dumps({"score": passed / len(tests), "feedback": ("all %d tests passed" % len(tests)) if not failures else "; ".join(failures[:6])}))
