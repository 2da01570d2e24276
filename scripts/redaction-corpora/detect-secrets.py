# Reads the true positives out of detect-secrets' plugin tests (tests/plugins/*_test.py):
# the rows of `pytest.mark.parametrize` tables a test expects to be flagged, and the
# keyword tests' module-level `*_TEST_CASES` lists (line, expected secret). The Python is
# parsed, never imported; row expressions (string literals, `.format` over module
# constants) are evaluated with no builtins. Prints JSON: [{plugin, text, secret?}].
import ast, json, subprocess, sys

git_dir, commit = sys.argv[1], sys.argv[2]
# A public IP address is not a credential, and incident text is full of them.
SKIPPED = {'base_test.py', 'ip_public_test.py'}
FLAG_NAMES = {'should_flag', 'should_be_caught'}
# Tables whose single column is all positives (the test asserts one finding per row).
SINGLE = {'line', 'payload', 'file_content'}


def git(*args):
    return subprocess.check_output(['git', '-C', git_dir, *args]).decode()


def evaluate(node, env, name):
    return eval(compile(ast.Expression(node), name, 'eval'), env)


def constants(tree, name):
    env = {'__builtins__': {}}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            target = node.targets[0].id
            try:
                env[target] = evaluate(node.value, env, name)
            except Exception:
                # A list with one row that needs more than literals: keep the other rows.
                if isinstance(node.value, ast.List):
                    env[target] = list(rows(node.value.elts, env, name))
    return env


def tables(tree):
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == 'parametrize' and len(node.args) >= 2
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[1], (ast.List, ast.Tuple))):
            yield [n.strip() for n in node.args[0].value.split(',')], node.args[1].elts


def rows(elts, env, name):
    for el in elts:
        try:
            v = evaluate(el, env, name)
        except Exception:
            continue
        yield v if isinstance(v, tuple) else (v,)


def samples_of(path):
    plugin = path.rsplit('/', 1)[-1][: -len('_test.py')]
    src = git('show', f'{commit}:{path}')
    tree = ast.parse(src)
    env = constants(tree, path)
    out = []
    secrets = []  # high-entropy tests format secrets from a second table
    for names, elts in tables(tree):
        if names == ['plugin', 'non_secret', 'secret']:
            # The first column is a plugin class: only the secrets are data.
            tails = [e.elts[-1] for e in elts if isinstance(e, ast.Tuple)]
            secrets = [r[0] for r in rows(tails, env, path)]
            continue
        flag = next((n for n in names if n in FLAG_NAMES), None)
        for r in rows(elts, env, path):
            if flag and names[0] == 'format':
                if r[names.index(flag)] is True:
                    out.append({'text': r[0], 'format': True})
            elif flag and r[names.index(flag)] is True and isinstance(r[0], str):
                out.append({'text': r[0]})
            elif not flag and len(names) == 1 and names[0] in SINGLE and isinstance(r[0], str):
                out.append({'text': r[0]})
    final = []
    for s in out:
        if s.get('format'):
            final.extend({'text': s['text'].format(secret=x, non_secret=''), 'secret': x}
                         for x in secrets)
        else:
            final.append(s)
    for k, v in env.items():
        if k.endswith('TEST_CASES') and isinstance(v, list):
            final.extend({'text': r[0], 'secret': r[1]} for r in v
                         if len(r) == 2 and isinstance(r[1], str))
    seen, unique = set(), []
    for s in final:
        if s['text'] not in seen:
            seen.add(s['text'])
            unique.append({'plugin': plugin, **s})
    return unique


files = git('ls-tree', '-r', '--name-only', commit, 'tests/plugins').split()
result = []
for f in sorted(files):
    name = f.rsplit('/', 1)[-1]
    if name.endswith('_test.py') and name not in SKIPPED:
        result.extend(samples_of(f))
print(json.dumps(result))
