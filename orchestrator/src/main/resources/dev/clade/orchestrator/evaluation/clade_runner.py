# Clade's runner for evaluators written for OpenEvolve or ShinkaEvolve (docs/evaluator-and-sandbox.md).
# Clade passes this file's text in $CLADE_PYTHON_RUNNER and runs it in the sandbox, in the checkout:
#   python3 -c "$CLADE_PYTHON_RUNNER" function FILE FUNCTION PROGRAM SCORE_KEY
#       imports FILE and calls FUNCTION(absolute path of PROGRAM)
#   python3 -c "$CLADE_PYTHON_RUNNER" results DIR:METRICS:CORRECT PROGRAM SCORE_KEY -- 'COMMAND'
#       runs the shell command COMMAND --program_path PROGRAM --results_dir DIR, then reads DIR/METRICS and
#       DIR/CORRECT
# and writes the result in Clade's protocol to $CLADE_METRICS. A failure ends with one line on stderr saying why.
# Stand-ins for openevolve.evaluation_result and shinka.core are importable when those packages are not installed.
import importlib.util
import json
import math
import os
import shlex
import subprocess
import sys
import traceback

FEEDBACK_LIMIT = 4000

STAND_INS = {
    "openevolve/__init__.py": "",
    "openevolve/evaluation_result.py": '''
class EvaluationResult:
    """Clade's stand-in for OpenEvolve's result: metrics (numbers) and artifacts (text the proposer reads)."""

    def __init__(self, metrics=None, artifacts=None):
        self.metrics = dict(metrics or {})
        self.artifacts = dict(artifacts or {})

    @classmethod
    def from_dict(cls, metrics):
        return cls(metrics=metrics)

    def to_dict(self):
        return dict(self.metrics)

    def has_artifacts(self):
        return bool(self.artifacts)
''',
    "shinka/__init__.py": "",
    "shinka/core/__init__.py": "from .wrap_eval import run_shinka_eval  # noqa: F401\n",
    "shinka/core/wrap_eval.py": '''
import importlib.util
import json
import os
import time


def _load(program_path):
    spec = importlib.util.spec_from_file_location("clade_program", program_path)
    if spec is None or spec.loader is None:
        raise ImportError("cannot load the program " + str(program_path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(results_dir, metrics, correct, error):
    os.makedirs(results_dir, exist_ok=True)
    with open(os.path.join(results_dir, "metrics.json"), "w") as f:
        json.dump(metrics, f, default=str)
    with open(os.path.join(results_dir, "correct.json"), "w") as f:
        json.dump({"correct": bool(correct), "error": error}, f)


def run_shinka_eval(program_path, results_dir, experiment_fn_name, num_runs=1, get_experiment_kwargs=None,
                    aggregate_metrics_fn=None, validate_fn=None, default_metrics_on_error=None, **ignored):
    """Clade's stand-in for ShinkaEvolve's run_shinka_eval: loads the program, calls experiment_fn_name num_runs
    times (with get_experiment_kwargs(run) as keyword arguments), validates each result, aggregates the results,
    writes metrics.json and correct.json to results_dir and returns (metrics, correct, error)."""
    metrics = dict(default_metrics_on_error or {"combined_score": 0.0})
    try:
        function = getattr(_load(program_path), experiment_fn_name, None)
        if not callable(function):
            raise AttributeError("the program has no function " + repr(experiment_fn_name))
        results, times = [], []
        for run in range(int(num_runs)):
            kwargs = get_experiment_kwargs(run) if get_experiment_kwargs else {}
            started = time.perf_counter()
            result = function(**kwargs)
            times.append(time.perf_counter() - started)
            if validate_fn is not None:
                valid, message = validate_fn(result)
                if not valid:
                    error = "run %d is not valid: %s" % (run, message)
                    _write(results_dir, metrics, False, error)
                    return metrics, False, error
            results.append(result)
        metrics = dict(aggregate_metrics_fn(results)) if aggregate_metrics_fn else {}
        metrics.setdefault("execution_time_mean", sum(times) / len(times) if times else 0.0)
        _write(results_dir, metrics, True, None)
        return metrics, True, None
    except Exception as e:  # the program's failure is the candidate's, reported in correct.json
        error = "%s: %s" % (type(e).__name__, e)
        _write(results_dir, metrics, False, error)
        return metrics, False, error
''',
}


def fail(message):
    print("clade: " + message, file=sys.stderr)
    sys.exit(1)


def install_stand_ins():
    """Puts the stand-ins on the path (after everything else, so real installed packages win)."""
    root = os.path.join(os.path.dirname(os.environ.get("CLADE_METRICS", ".")) or ".", "clade-python")
    for name, text in STAND_INS.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    sys.path.append(root)
    return root


def numbers(mapping, prefix=""):
    out = {}
    for key, value in (mapping or {}).items():
        if isinstance(value, bool):
            continue
        if isinstance(value, (int, float)) and math.isfinite(value):
            out[prefix + str(key)] = float(value)
    return out


def score_of(metrics, key, default_key):
    value = metrics.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if key != default_key:
        fail("the result has no number %r (evaluator.scoreKey); it has: %s" % (key, ", ".join(sorted(metrics)) or "nothing"))
    values = list(numbers(metrics).values())
    if not values:
        fail("the result has no %r and no other number to average; it has: %s" % (key, ", ".join(sorted(metrics)) or "nothing"))
    print("clade: no %r in the result; the score is the mean of its %d numbers" % (key, len(values)), file=sys.stderr)
    return sum(values) / len(values)


def feedback_of(artifacts):
    parts = []
    for name, value in (artifacts or {}).items():
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        parts.append("%s: %s" % (name, value))
    text = "\n".join(parts)
    return text if len(text) <= FEEDBACK_LIMIT else text[:FEEDBACK_LIMIT] + " [...]"


def write(score, metrics, feedback):
    result = {"score": score, "metrics": metrics, "feedback": feedback}
    with open(os.environ["CLADE_METRICS"], "w") as f:
        json.dump(result, f)


def run_function(file, function, program, key):
    install_stand_ins()
    sys.path.insert(0, os.getcwd())
    if not os.path.isfile(file):
        fail("the evaluator file %s does not exist" % file)
    try:
        spec = importlib.util.spec_from_file_location("clade_evaluator", file)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    except Exception:
        traceback.print_exc()
        fail("cannot import %s: %s" % (file, traceback.format_exc().strip().splitlines()[-1]))
    target = getattr(module, function, None)
    if not callable(target):
        defined = sorted(n for n, v in vars(module).items() if callable(v) and not n.startswith("_"))
        fail("%s has no function %r (it defines: %s)" % (file, function, ", ".join(defined) or "none"))
    try:
        result = target(os.path.abspath(program))
    except Exception as e:
        traceback.print_exc()
        fail("%s(%s) raised %s: %s" % (function, program, type(e).__name__, e))
    if isinstance(result, dict):
        metrics, artifacts = result, {}
    elif hasattr(result, "metrics"):
        metrics, artifacts = dict(result.metrics or {}), dict(getattr(result, "artifacts", None) or {})
    else:
        fail("%s returned %s; expected a dict of metrics or an object with metrics and artifacts" % (function, type(result).__name__))
    for name, value in artifacts.items():
        print("== artifact %s ==\n%s" % (name, value.decode("utf-8", "replace") if isinstance(value, bytes) else value))
    write(score_of(metrics, key, "combined_score"), numbers(metrics), feedback_of(artifacts))


def run_results(spec, program, key, command):
    try:
        folder, metrics_name, correct_name = spec.split(":")
    except ValueError:
        fail("bad results argument %r" % spec)
    folder = os.path.abspath(folder)
    os.makedirs(folder, exist_ok=True)
    for name in (metrics_name, correct_name):
        if os.path.exists(os.path.join(folder, name)):
            os.remove(os.path.join(folder, name))
    env = dict(os.environ)
    stand_ins = install_stand_ins()
    if importlib.util.find_spec("shinka") is None or importlib.util.find_spec("shinka").origin.startswith(stand_ins):
        env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH"), stand_ins) if p)
    line = "%s --program_path %s --results_dir %s" % (command, shlex.quote(os.path.abspath(program)), shlex.quote(folder))
    sys.stdout.flush()
    code = subprocess.call(line, shell=True, env=env)
    if code != 0:
        fail("%s exited with code %d" % (command, code))
    correct_path = os.path.join(folder, correct_name)
    if os.path.isfile(correct_path):
        with open(correct_path) as f:
            correct = json.load(f)
        if not correct.get("correct", False):
            fail("%s says the program is not correct: %s" % (correct_name, correct.get("error") or "no error given"))
    metrics_path = os.path.join(folder, metrics_name)
    if not os.path.isfile(metrics_path):
        fail("the evaluator wrote no %s in %s" % (metrics_name, folder))
    with open(metrics_path) as f:
        metrics = json.load(f)
    if not isinstance(metrics, dict):
        fail("%s is not a JSON object" % metrics_name)
    private = metrics.pop("private", None)
    public = metrics.pop("public", None)
    feedback = metrics.pop("text_feedback", "")
    stored = numbers(metrics)
    stored.update(numbers(public if isinstance(public, dict) else {}, "public."))
    if isinstance(private, dict):
        stored["private"] = private  # stored with the evaluation, never printed: the proposer does not see it
    write(score_of(metrics, key, "combined_score"), stored, str(feedback)[:FEEDBACK_LIMIT])


def main(args):
    if len(args) >= 5 and args[0] == "function":
        run_function(args[1], args[2], args[3], args[4])
    elif len(args) == 6 and args[0] == "results" and args[4] == "--":
        run_results(args[1], args[2], args[3], args[5])
    else:
        fail("usage: function FILE FUNCTION PROGRAM SCORE_KEY | results DIR:METRICS:CORRECT PROGRAM SCORE_KEY -- COMMAND")


main(sys.argv[1:])
