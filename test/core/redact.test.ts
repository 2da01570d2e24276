import { describe, expect, it } from "vitest";
import { redactSecrets } from "../../src/core/redact.js";
import fc from "fast-check";

// Token-shaped values are assembled at run time so this file holds nothing a secret
// scanner would flag.
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** A fixed, made-up value of `n` characters (fast-check's generator, replayed from a seed). */
let seed = 42;
function fake(n: number, alphabet = ALNUM): string {
  const chars = fc.string({ unit: fc.constantFrom(...alphabet), minLength: n, maxLength: n });
  return fc.sample(chars, { seed: seed++, numRuns: 1 })[0]!;
}

const b64url = (s: string): string => Buffer.from(s).toString("base64url");
const jwt = [
  b64url('{"alg":"HS256","typ":"JWT"}'),
  b64url('{"sub":"1234567890","name":"x","iat":1516239022}'),
  fake(43),
].join(".");
const ghp = "gh" + "p_" + fake(36);
const gho = "gh" + "o_" + fake(36);
const ghu = "gh" + "u_" + fake(36);
const ghs = "gh" + "s_" + fake(36);
const ghr = "gh" + "r_" + fake(36);
const ghsLong = "gh" + "s_" + fake(60) + "_" + fake(100);
const pat = "github" + "_pat_" + fake(22) + "_" + fake(59);
const akia = "AK" + "IA" + fake(16, UPPER);
const asia = "AS" + "IA" + fake(16, UPPER);
const awsSecret = fake(30) + "/+" + fake(8);
const slackBot =
  "xo" + "xb-" + fake(12, "0123456789") + "-" + fake(13, "0123456789") + "-" + fake(24);
const slackUser =
  "xo" + "xp-" + fake(12, "0123456789") + "-" + fake(12, "0123456789") + "-" + fake(32);
const slackHook =
  "https://hooks.slack" +
  ".com/services/T" +
  fake(8, UPPER) +
  "/B" +
  fake(10, UPPER) +
  "/" +
  fake(24);
const google = "AI" + "za" + fake(35, ALNUM + "_-");
const skLive = "sk" + "_live_" + fake(24);
const skTest = "sk" + "_test_" + fake(24);
const rkLive = "rk" + "_live_" + fake(24);
const whsec = "wh" + "sec_" + fake(32);
const npm = "np" + "m_" + fake(36);
const glpat = "gl" + "pat-" + fake(20);
const anthropic = "sk-" + "ant-api03-" + fake(80);
const openai = "sk-" + "proj-" + fake(48);
const pemBody = Array.from({ length: 5 }, () => fake(64)).join("\n");
const pem = (label: string, eol = "\n"): string =>
  ["-----" + "BEGIN " + label + "-----", pemBody, "-----" + "END " + label + "-----"].join(eol);
const pw = "s3cr" + "et-" + fake(10);

type Positive = [name: string, input: string, expected: string, kinds: string[]];

const positives: Positive[] = [
  // Passwords run to whitespace: `&`, `,`, `;` are common in them.
  ["password with &", "password=Tr0ub4dor&3xyz", "password=[redacted password]", ["password"]],
  [
    "password with , and ;",
    "db password: a,b;c end",
    "db password: [redacted password] end",
    ["password"],
  ],
  [
    "token in a query string ends at &",
    "?token=abc123def456&user=1",
    "?token=[redacted token]&user=1",
    ["token"],
  ],
  // GitHub
  ["classic PAT", `use ${ghp} here`, "use [redacted GitHub token] here", ["GitHub token"]],
  ["OAuth token", gho, "[redacted GitHub token]", ["GitHub token"]],
  ["user-to-server token", ghu, "[redacted GitHub token]", ["GitHub token"]],
  ["installation token", ghs, "[redacted GitHub token]", ["GitHub token"]],
  ["refresh token", ghr, "[redacted GitHub token]", ["GitHub token"]],
  [
    "long installation token with _",
    `x ${ghsLong} y`,
    "x [redacted GitHub token] y",
    ["GitHub token"],
  ],
  ["fine-grained PAT", `GH=${pat}`, "GH=[redacted GitHub token]", ["GitHub token"]],
  [
    "token in a git remote",
    `https://x-access-token:${ghs}@github.com/o/r.git`,
    "https://x-access-token:[redacted GitHub token]@github.com/o/r.git",
    ["GitHub token"],
  ],
  [
    "token= assignment keeps the specific kind",
    `token=${ghp}`,
    "token=[redacted GitHub token]",
    ["GitHub token"],
  ],
  // AWS
  [
    "AWS access key id (AKIA)",
    `key ${akia}.`,
    "key [redacted AWS access key].",
    ["AWS access key"],
  ],
  [
    "AWS temporary key id (ASIA)",
    `"AccessKeyId": "${asia}"`,
    `"AccessKeyId": "[redacted AWS access key]"`,
    ["AWS access key"],
  ],
  [
    "aws_secret_access_key =",
    `aws_secret_access_key = ${awsSecret}`,
    "aws_secret_access_key = [redacted AWS secret access key]",
    ["AWS secret access key"],
  ],
  [
    "AWS_SECRET_ACCESS_KEY=",
    `export AWS_SECRET_ACCESS_KEY=${awsSecret}`,
    "export AWS_SECRET_ACCESS_KEY=[redacted AWS secret access key]",
    ["AWS secret access key"],
  ],
  [
    "SecretAccessKey JSON",
    `"SecretAccessKey": "${awsSecret}"`,
    `"SecretAccessKey": "[redacted AWS secret access key]"`,
    ["AWS secret access key"],
  ],
  // Slack
  ["Slack bot token", `SLACK ${slackBot}`, "SLACK [redacted Slack token]", ["Slack token"]],
  ["Slack user token", slackUser, "[redacted Slack token]", ["Slack token"]],
  [
    "Slack webhook",
    `POST ${slackHook} failed`,
    "POST [redacted Slack webhook] failed",
    ["Slack webhook"],
  ],
  // Google, Stripe, npm and friends
  [
    "Google API key",
    `?key=${google}&q=1`,
    "?key=[redacted Google API key]&q=1",
    ["Google API key"],
  ],
  ["Stripe live secret key", skLive, "[redacted Stripe key]", ["Stripe key"]],
  ["Stripe test secret key", `(${skTest})`, "([redacted Stripe key])", ["Stripe key"]],
  ["Stripe restricted key", rkLive, "[redacted Stripe key]", ["Stripe key"]],
  ["Stripe webhook secret", whsec, "[redacted Stripe key]", ["Stripe key"]],
  [
    "npm token",
    `//registry.npmjs.org/:_authToken=${npm}`,
    "//registry.npmjs.org/:_authToken=[redacted npm token]",
    ["npm token"],
  ],
  ["GitLab token", glpat, "[redacted GitLab token]", ["GitLab token"]],
  ["Anthropic API key", anthropic, "[redacted Anthropic API key]", ["Anthropic API key"]],
  ["OpenAI API key", openai, "[redacted OpenAI API key]", ["OpenAI API key"]],
  // Private keys
  [
    "RSA private key",
    `before\n${pem("RSA PRIVATE KEY")}\nafter`,
    "before\n[redacted private key]\nafter",
    ["private key"],
  ],
  ["PKCS#8 private key", pem("PRIVATE KEY"), "[redacted private key]", ["private key"]],
  [
    "OpenSSH private key, CRLF",
    `a\r\n${pem("OPENSSH PRIVATE KEY", "\r\n")}\r\nb`,
    "a\r\n[redacted private key]\r\nb",
    ["private key"],
  ],
  ["EC private key", pem("EC PRIVATE KEY"), "[redacted private key]", ["private key"]],
  [
    "PGP private key block",
    pem("PGP PRIVATE KEY BLOCK"),
    "[redacted private key]",
    ["private key"],
  ],
  [
    "BEGIN without END redacts to the end",
    `key:\n${"-----" + "BEGIN RSA PRIVATE KEY-----"}\n${pemBody}\n(truncated`,
    "key:\n[redacted private key]",
    ["private key"],
  ],
  [
    "two private keys",
    `${pem("PRIVATE KEY")}\nand\n${pem("PRIVATE KEY")}`,
    "[redacted private key]\nand\n[redacted private key]",
    ["private key"],
  ],
  // JWT and Authorization headers
  ["JWT", `session ${jwt} expired`, "session [redacted JWT] expired", ["JWT"]],
  [
    "Bearer header",
    `Authorization: Bearer ${fake(40)}`,
    "Authorization: Bearer [redacted bearer token]",
    ["bearer token"],
  ],
  [
    "curl bearer header",
    `curl -H "authorization: bearer ${fake(30)}" https://api`,
    `curl -H "authorization: bearer [redacted bearer token]" https://api`,
    ["bearer token"],
  ],
  [
    "token scheme header",
    `Authorization: token ${fake(40)}`,
    "Authorization: token [redacted bearer token]",
    ["bearer token"],
  ],
  [
    "Basic header",
    `Authorization: Basic ${b64url("user:" + pw)}`,
    "Authorization: Basic [redacted basic auth credentials]",
    ["basic auth credentials"],
  ],
  [
    "JWT in a Bearer header keeps the JWT kind",
    `Authorization: Bearer ${jwt}`,
    "Authorization: Bearer [redacted JWT]",
    ["JWT"],
  ],
  // Generic assignments
  ["password=", `password=${pw}`, "password=[redacted password]", ["password"]],
  ["passwd:", `passwd: ${pw}`, "passwd: [redacted password]", ["password"]],
  ["pwd=", `pwd=${pw}`, "pwd=[redacted password]", ["password"]],
  ["secret=", `secret=${pw}`, "secret=[redacted secret]", ["secret"]],
  ["token=", `token=${pw}`, "token=[redacted token]", ["token"]],
  ["api_key=", `api_key=${pw}`, "api_key=[redacted API key]", ["API key"]],
  ["apikey:", `apikey: ${pw}`, "apikey: [redacted API key]", ["API key"]],
  ["access_token=", `access_token=${pw}`, "access_token=[redacted access token]", ["access token"]],
  [
    "client_secret=",
    `client_secret=${pw}`,
    "client_secret=[redacted client secret]",
    ["client secret"],
  ],
  [
    "upper case env var with prefix",
    `DB_PASSWORD=${pw}`,
    "DB_PASSWORD=[redacted password]",
    ["password"],
  ],
  ["camelCase key", `githubToken: ${pw}`, "githubToken: [redacted token]", ["token"]],
  [
    ".npmrc auth token",
    `//npm.pkg.github.com/:_authToken=${pw}`,
    "//npm.pkg.github.com/:_authToken=[redacted token]",
    ["token"],
  ],
  [
    "double-quoted value with spaces",
    `"password": "correct horse battery"`,
    `"password": "[redacted password]"`,
    ["password"],
  ],
  ["single-quoted value", `secret = '${pw}'`, "secret = '[redacted secret]'", ["secret"]],
  ["backtick-quoted value", `password: \`${pw}\``, "password: `[redacted password]`", ["password"]],
  [
    "YAML key",
    `db:\n  password: ${pw}\n  user: app`,
    "db:\n  password: [redacted password]\n  user: app",
    ["password"],
  ],
  [
    "CLI flag",
    `psql --password=${pw} -h db`,
    "psql --password=[redacted password] -h db",
    ["password"],
  ],
  [
    "query string",
    `https://x.test/cb?access_token=${pw}&state=1`,
    "https://x.test/cb?access_token=[redacted access token]&state=1",
    ["access token"],
  ],
  ["header-style key", `X-API-Key: ${pw}`, "X-API-Key: [redacted API key]", ["API key"]],
  ["Markdown bold key", `**Password:** ${pw}`, "**Password:** [redacted password]", ["password"]],
  ["Ruby hash rocket", `:password => "${pw}"`, `:password => "[redacted password]"`, ["password"]],
  [
    "value containing a token is redacted whole",
    `password=x-${ghp}`,
    "password=[redacted password]",
    ["password"],
  ],
  // URL credentials
  [
    "postgres URL",
    `postgres://app:${pw}@db:5432/x`,
    "postgres://app:[redacted password]@db:5432/x",
    ["password"],
  ],
  [
    "postgresql URL",
    `DATABASE_URL=postgresql://app:${pw}@db/x`,
    "DATABASE_URL=postgresql://app:[redacted password]@db/x",
    ["password"],
  ],
  [
    "mysql URL",
    `mysql://root:${pw}@127.0.0.1:3306/db`,
    "mysql://root:[redacted password]@127.0.0.1:3306/db",
    ["password"],
  ],
  [
    "mongodb URL",
    `mongodb://u:${pw}@a,b,c/db?replicaSet=rs`,
    "mongodb://u:[redacted password]@a,b,c/db?replicaSet=rs",
    ["password"],
  ],
  [
    "mongodb+srv URL",
    `mongodb+srv://u:${pw}@cluster0.x.net/db`,
    "mongodb+srv://u:[redacted password]@cluster0.x.net/db",
    ["password"],
  ],
  [
    "redis URL, empty user",
    `redis://:${pw}@cache:6379/0`,
    "redis://:[redacted password]@cache:6379/0",
    ["password"],
  ],
  ["amqp URL", `amqp://guest:${pw}@mq`, "amqp://guest:[redacted password]@mq", ["password"]],
  [
    "https basic auth",
    `https://bob:${pw}@example.com/path`,
    "https://bob:[redacted password]@example.com/path",
    ["password"],
  ],
  [
    "password containing @",
    `postgres://app:p@ss${pw}@db/x`,
    "postgres://app:[redacted password]@db/x",
    ["password"],
  ],
  // Several at once: kinds in order of first appearance
  [
    "mixed kinds in order of appearance",
    `a ${akia} b ${ghp} c password=${pw} d ${ghs}`,
    "a [redacted AWS access key] b [redacted GitHub token] c password=[redacted password] d [redacted GitHub token]",
    ["AWS access key", "GitHub token", "password"],
  ],
  [
    "Unicode around a secret",
    `🔥 déjà ${ghp} ✓\r\n`,
    "🔥 déjà [redacted GitHub token] ✓\r\n",
    ["GitHub token"],
  ],
];

const negatives: [name: string, input: string][] = [
  ["empty", ""],
  ["prose", "The API was down for 20 minutes; we rolled back the deploy."],
  ["token in prose", "the token expired and the secret rotation job failed"],
  ["password in prose", "Password reset emails were delayed. passwords: see the runbook"],
  ["git SHA", "fixed in 0123456789abcdef0123456789abcdef01234567"],
  ["UUID", "request 123e4567-e89b-12d3-a456-426614174000 failed"],
  ["plain URL", "https://example.com/path?q=1&page=2#frag"],
  ["URL with a port", "http://localhost:8080/health"],
  ["URL with a user only", "ssh://git@github.com:22/o/r.git"],
  ["scp-style git remote", "git@github.com:org/repo.git"],
  ["e-mail address", "contact oncall@example.com or a.b+c@d.io"],
  ["Unicode, CRLF and tabs", "Ünïcödé ✓ 日本語 🔥\r\n\tline two\r\n"],
  ["other key names", "token_type=bearer max_tokens=1000 password_policy=strict"],
  ["too-short token prefix", "gh" + "p_abc and sk" + "_live_x"],
  ["empty value", "password=\ntoken:\n"],
  ["masked value", "password=*** token: ******"],
  ["angle placeholder", "api_key=<redacted> password: <your password>"],
  ["already redacted", "token: [redacted token] password=[REDACTED]"],
  ["Actions expression", "password: ${{ secrets.DB_PASSWORD }}"],
  ["env reference", "token=$GITHUB_TOKEN secret=${SECRET}"],
  ["template", "secret: {{ .Values.secret }}"],
  ["xxx placeholder", "api_key: xxxxxxxx"],
  ["null-ish values", "token: null secret=false"],
  ["type annotation", "function login(user: string, password: string): Promise<void>"],
  ["comparison", "if (token == null || password === '') {}"],
  ["PWD in an env dump", "PWD=/home/runner/work/app\nOLDPWD=/tmp"],
  ["Bearer with env var", 'curl -H "Authorization: Bearer $TOKEN"'],
  ["Bearer in prose", "Bearer tokens are checked by the gateway"],
  ["Slack webhook host only", "post to https://hooks.slack.com/services/... as documented"],
  ["AKIA inside a longer word", "XAKIA" + "ABCDEFGHIJKLMNOP"],
  ["hyphenated words starting with sk-", "sk-some-very-long-hyphenated-words-here-and-more"],
  ["Markdown table", "| token | status |\n|---|---|\n| a | ok |"],
];

describe("redactSecrets", () => {
  it.each(positives)("redacts %s", (_name, input, expected, kinds) => {
    const r = redactSecrets(input);
    expect(r.text).toBe(expected);
    expect(r.kinds).toEqual(kinds);
  });

  it.each(negatives)("leaves %s unchanged", (_name, input) => {
    const r = redactSecrets(input);
    expect(r.text).toBe(input);
    expect(r.kinds).toEqual([]);
  });

  it.each(positives)("is idempotent: %s", (_name, input) => {
    const once = redactSecrets(input);
    const twice = redactSecrets(once.text);
    expect(twice.text).toBe(once.text);
    expect(twice.kinds).toEqual([]);
  });

  it("gives the same answer for a text seen before, whatever a caller did with the first", () => {
    const text = `deploy key ${ghp} pasted by mistake`;
    const first = redactSecrets(text);
    first.kinds.push("changed by a caller");
    first.kinds.length = 0;
    const again = redactSecrets(text);
    expect(again.text).not.toContain(ghp);
    expect(again.kinds).toHaveLength(1);
    expect(again).toEqual(redactSecrets(`deploy key ${ghp} pasted by mistake`));
  });

  it("never leaves a fragment of a long capped secret", () => {
    const long = "gh" + "s_" + fake(600, ALNUM + "_");
    expect(redactSecrets(`a ${long} b`).text).toBe("a [redacted GitHub token] b");
    const value = fake(5000);
    expect(redactSecrets(`password=${value} next`).text).toBe("password=[redacted password] next");
  });

  it("stays idempotent on generated mixes of secret-shaped fragments (property)", () => {
    const parts = [
      "password",
      "token",
      "secret",
      "=",
      ": ",
      " ",
      "\n",
      "\r\n",
      '"',
      "'",
      "`",
      "@",
      "://",
      "postgres",
      "u:",
      "Authorization: Bearer ",
      "[redacted token]",
      "***",
      "<x>",
      "$X",
      ghp,
      akia,
      jwt,
      pw,
      "eyJ",
      ".",
      "-",
      "_",
      "-----" + "BEGIN PRIVATE KEY-----",
      "-----" + "END PRIVATE KEY-----",
      "é",
      "🔥",
      "|",
      "aws_secret_access_key=",
    ];
    const mixes = fc.array(fc.constantFrom(...parts), { maxLength: 11 }).map((p) => p.join(""));
    fc.assert(
      fc.property(mixes, (s) => {
        const once = redactSecrets(s);
        const twice = redactSecrets(once.text);
        expect(twice.text).toBe(once.text);
        expect(twice.kinds).toEqual([]);
        if (once.kinds.length === 0) expect(once.text).toBe(s);
      }),
      { numRuns: 400 },
    );
  });
});

describe("redactSecrets on adversarial input (ReDoS guard: must finish; results only)", () => {
  const N = 100_000;
  const cases: [name: string, input: string, check: (out: string, kinds: string[]) => void][] = [
    [
      "a * 100k",
      "a".repeat(N),
      (out, kinds) => {
        expect(out.length).toBe(N);
        expect(kinds).toEqual([]);
      },
    ],
    [
      "password=x * 100k (placeholder)",
      "password=" + "x".repeat(N),
      (out) => expect(out).toBe("password=" + "x".repeat(N)),
    ],
    [
      "password= long value",
      "password=" + "ab".repeat(N / 2),
      (out) => expect(out).toBe("password=[redacted password]"),
    ],
    [
      'password=" without closing quote',
      'password="' + "a".repeat(N),
      (out) => expect(out).toBe('password="[redacted password]'),
    ],
    [
      "postgres:// a: * 50k",
      "postgres://" + "a:".repeat(N / 2),
      (out, kinds) => {
        expect(out.startsWith("postgres://")).toBe(true);
        expect(kinds).toEqual([]);
      },
    ],
    ["scheme:// * 25k", "a://".repeat(N / 4), (_out, kinds) => expect(kinds).toEqual([])],
    [
      "user:pass@ without @ end",
      "https://" + "u:p".repeat(N / 3),
      (_out, kinds) => expect(kinds).toEqual([]),
    ],
    ["gh prefixes", ("gh" + "p_ ").repeat(N / 5), (_out, kinds) => expect(kinds).toEqual([])],
    [
      "one huge token",
      "gh" + "p_" + "a".repeat(N),
      (out) => expect(out).toBe("[redacted GitHub token]"),
    ],
    ["eyJ dots", "eyJ".repeat(N / 4) + ".", (_out, kinds) => expect(kinds).toEqual([])],
    [
      "eyJ segments",
      ("eyJ" + "a".repeat(10) + ".").repeat(N / 14),
      (out) => expect(out.length).toBeGreaterThan(0),
    ],
    [
      "many BEGIN lines without END",
      ("-----" + "BEGIN PRIVATE KEY-----\n").repeat(N / 28),
      (out) => expect(out).toBe("[redacted private key]"),
    ],
    [
      "many END lines",
      ("-----" + "END PRIVATE KEY-----\n").repeat(N / 26),
      (_out, kinds) => expect(kinds).toEqual([]),
    ],
    [
      "key names without separator",
      "password ".repeat(N / 9),
      (_out, kinds) => expect(kinds).toEqual([]),
    ],
    ["key then spaces", "token:" + " ".repeat(N), (_out, kinds) => expect(kinds).toEqual([])],
    [
      "identifier prefix chain",
      "a_".repeat(N / 2) + "token=1",
      (out) => expect(out.endsWith("token=1")).toBe(true),
    ],
    [
      "Authorization repeated",
      "Authorization: Bearer ".repeat(N / 22),
      (out) => expect(out.length).toBeGreaterThan(0),
    ],
    ["@ and : soup", "@:/".repeat(N / 3), (_out, kinds) => expect(kinds).toEqual([])],
    [
      "xoxb- repeated",
      "xo" + "xb-".repeat(N / 3),
      (out) => expect(out).toBe("[redacted Slack token]"),
    ],
  ];
  it.each(cases)("%s", (_name, input, check) => {
    const r = redactSecrets(input);
    check(r.text, r.kinds);
  });
});

describe("passwords", () => {
  it("a password starting with a symbol is redacted", () => {
    for (const text of ["db password=&Tr0ub4dor3 leaked", "PGPASSWORD=;hunter2x psql -h db1"]) {
      const out = redactSecrets(text);
      expect(out.kinds).toContain("password");
      expect(out.text).not.toMatch(/Tr0ub4dor3|hunter2x/);
    }
  });
});
