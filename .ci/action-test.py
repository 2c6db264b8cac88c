#!/usr/bin/env python3
"""Validates action.yml and runs its steps' commands locally, the way the runner would.

    python3 .ci/action-test.py <tauri-acl binary>

GitHub's runner is not here, so this reads the composite action, checks its shape,
evaluates the few expressions it uses (`inputs.*`, `steps.*.outputs.*`, `always()`,
`==`, `!=`, `&&`), and runs each `run:` step with bash, the step's `env:`, and
GITHUB_OUTPUT and RUNNER_TEMP as the runner sets them. The upload step (another action)
is checked for its inputs and its condition, not run. Two cases: an app with errors (the
action fails in its last step, after writing the SARIF file) and a clean one.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def fail(message):
    print(f"action-test: {message}", file=sys.stderr)
    sys.exit(1)


def load():
    with open(os.path.join(ROOT, "action.yml"), encoding="utf-8") as file:
        action = yaml.safe_load(file)
    for key in ("name", "description", "inputs", "outputs", "runs"):
        if key not in action:
            fail(f"action.yml has no `{key}`")
    if action["runs"].get("using") != "composite":
        fail("action.yml is not a composite action")
    for name, spec in action["inputs"].items():
        if "description" not in spec:
            fail(f"input `{name}` has no description")
    for step in action["runs"]["steps"]:
        if ("run" in step) == ("uses" in step):
            fail(f"step {step.get('name')} must have exactly one of `run` and `uses`")
        if "run" in step and step.get("shell") != "bash":
            fail(f"step {step.get('name')}: a composite `run` step needs `shell: bash`")
    return action


def evaluate(expression, context):
    """The expressions action.yml uses; anything else is an error, not a guess."""

    def value(token):
        token = token.strip()
        if token == "always()":
            return True
        if re.fullmatch(r"'[^']*'", token):
            return token[1:-1]
        match = re.fullmatch(r"inputs\.([\w-]+)", token)
        if match:
            return context["inputs"][match.group(1)]
        match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", token)
        if match:
            return context["steps"].get(match.group(1), {}).get(match.group(2), "")
        fail(f"unsupported expression `{token}`")

    result = True
    for part in expression.split("&&"):
        if "==" in part:
            left, right = part.split("==")
            result = result and value(left) == value(right)
        elif "!=" in part:
            left, right = part.split("!=")
            result = result and value(left) != value(right)
        else:
            result = result and bool(value(part))
    return result


def substitute(text, context):
    return EXPRESSION.sub(lambda match: str(evaluate_value(match.group(1), context)), text)


def evaluate_value(expression, context):
    if "==" in expression or "&&" in expression or "!=" in expression:
        return evaluate(expression, context)
    match = re.fullmatch(r"inputs\.([\w-]+)", expression)
    if match:
        return context["inputs"][match.group(1)]
    match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
    if match:
        return context["steps"].get(match.group(1), {}).get(match.group(2), "")
    fail(f"unsupported expression `{expression}`")


def run_action(action, inputs, temp):
    context = {
        "inputs": {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()},
        "steps": {},
    }
    context["inputs"].update(inputs)
    failed = None
    uploaded = None
    for step in action["runs"]["steps"]:
        condition = step.get("if")
        if condition is not None:
            condition = EXPRESSION.sub(lambda match: match.group(1), str(condition))
            # Without always(), a step after a failed one is skipped, as on the runner.
            if failed is not None and "always()" not in condition:
                continue
            if not evaluate(condition, context):
                continue
        elif failed is not None:
            continue
        if "uses" in step:
            if not step["uses"].startswith("github/codeql-action/upload-sarif@"):
                fail(f"unexpected action {step['uses']}")
            uploaded = substitute(step["with"]["sarif_file"], context)
            continue
        output_file = os.path.join(temp, f"output-{step['id'] if 'id' in step else 'step'}")
        open(output_file, "w").close()
        env = dict(os.environ, GITHUB_OUTPUT=output_file, RUNNER_TEMP=temp)
        for name, text in (step.get("env") or {}).items():
            env[name] = substitute(str(text), context)
        result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], env=env, cwd=temp)
        outputs = {}
        with open(output_file, encoding="utf-8") as file:
            for line in file:
                if "=" in line:
                    key, _, text = line.rstrip("\n").partition("=")
                    outputs[key] = text
        if "id" in step:
            context["steps"][step["id"]] = outputs
        if result.returncode != 0:
            failed = (step["name"], result.returncode)
    return context, failed, uploaded


def main():
    if len(sys.argv) != 2:
        fail("usage: action-test.py <tauri-acl binary>")
    binary = os.path.abspath(sys.argv[1])
    action = load()
    with tempfile.TemporaryDirectory() as temp:
        for name in ("demo-app", "fixes-app", "cargo-home"):
            shutil.copytree(os.path.join(ROOT, "fixtures", name), os.path.join(temp, "repo", name))

        context, failed, uploaded = run_action(action, {"binary": binary, "path": os.path.join(temp, "repo", "fixes-app")}, temp)
        check = context["steps"].get("check", {})
        if check.get("exit-code") != "1":
            fail(f"fixes-app: expected exit code 1, got {check}")
        if failed != ("Fail on errors", 1):
            fail(f"fixes-app: expected the last step to fail the action, got {failed}")
        if uploaded != check["sarif-file"]:
            fail(f"fixes-app: the upload step would send {uploaded!r}, not {check['sarif-file']!r}")
        with open(check["sarif-file"], encoding="utf-8") as file:
            sarif = json.load(file)
        results = sarif["runs"][0]["results"]
        if sarif.get("version") != "2.1.0" or not results:
            fail("fixes-app: the SARIF file has no results")
        print(f"action.yml on fixes-app: exit code 1, {len(results)} SARIF results, the upload step gets them, the action fails")

        context, failed, uploaded = run_action(action, {"binary": binary, "path": os.path.join(temp, "repo", "demo-app"), "upload": "false"}, temp)
        if context["steps"].get("check", {}).get("exit-code") != "0" or failed is not None or uploaded is not None:
            fail(f"demo-app: expected a clean pass without upload, got {context['steps']}, {failed}, {uploaded}")
        print("action.yml on demo-app: exit code 0, no upload (upload: false), the action passes")


if __name__ == "__main__":
    main()
