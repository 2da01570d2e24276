// hereby's own secret rules, tried before gitleaks' (gitleaks.ts): formats people paste
// into incident comments that gitleaks' defaults miss or only catch next to a vendor's
// name (connection strings, command lines, bare vendor tokens, `key = value` pairs).
// Each is data for the engine; every quantifier is bounded.
import { isPlaceholder, type Rule } from "./engine.js";

// Key names for generic `key = value` assignments. Any identifier ending in one counts
// (`DB_PASSWORD`, `x-api-key`, `_authToken`, `githubToken`); the kind comes from the
// longest matching suffix.
const KEY_KINDS: ReadonlyArray<[string, string]> = [
  ["clientsecret", "client secret"],
  ["accesstoken", "access token"],
  ["accesskey", "access key"],
  ["secretkey", "secret key"],
  ["privatekey", "private key"],
  ["passphrase", "passphrase"],
  ["apikey", "API key"],
  ["appkey", "application key"],
  ["password", "password"],
  ["passwd", "password"],
  ["pass", "password"],
  ["pwd", "password"],
  ["secret", "secret"],
  ["token", "token"],
];

function keyKind(key: string): string {
  const k = key.toLowerCase().replace(/[_.-]/g, "");
  for (const [suffix, kind] of KEY_KINDS) if (k.endsWith(suffix)) return kind;
  return "secret";
}

// `pass` alone is a common English word: only as a whole key or after a separator
// (`DB_PASS`, `db.pass`), never inside one (`bypass`, `compass`).
const PASS = String.raw`(?:[A-Za-z0-9_.-]{0,40}[_.-])?pass`;
const KEYS = String.raw`[A-Za-z0-9_.-]{0,40}(?:client[_-]?secret|access[_-]?token|access[_-]?key|secret[_-]?key|private[_-]?key|passphrase|api[_-]?key|app[_-]?key|password|passwd|pwd|secret|token)|${PASS}`;
const PASSWORD_KEYS = String.raw`[A-Za-z0-9_.-]{0,40}(?:client[_-]?secret|secret[_-]?key|private[_-]?key|passphrase|password|passwd|pwd|secret)|${PASS}`;

// key, optional closing quote / Markdown emphasis, separator, optional emphasis, value.
// Not after `://`: there the "key" is a URL's user (`https://token:...@`), which the URL
// rule handles. Bare values stop at whitespace, quotes and characters that usually end
// a value in prose, query strings or code (`,;&|)}<>`).
const ASSIGN = String.raw`["'\x60]?[*_]{0,2}[ \t]{0,10}(?:=>|:=|[:=])[ \t]{0,10}(?:\*\*|__)?[ \t]{0,10}`;
const GENERIC = new RegExp(
  String.raw`(?<![A-Za-z0-9_.-]|:\/\/)(?<key>${KEYS})${ASSIGN}` +
    String.raw`(?:"(?<dq>[^"\r\n]{1,4096})"|'(?<sq>[^'\r\n]{1,4096})'|["'\x60]?(?<bare>[^\s"'\x60,;&|()<>{}[\]=][^\s"'\x60,;&|)}<>]{0,1023}))`,
  "gid",
);

// Passwords are often chosen with `&`, `,` or `;` in them: for password-like keys a bare
// value runs to whitespace or a quote, so no tail of one survives (a token in a query
// string still ends at `&`, by the rule above).
const PASSWORD_ASSIGNMENT = new RegExp(
  String.raw`(?<![A-Za-z0-9_.-]|:\/\/)(?<key>${PASSWORD_KEYS})${ASSIGN}` +
    String.raw`(?:"(?<dq>[^"\r\n]{1,4096})"|'(?<sq>[^'\r\n]{1,4096})'|(?<angle><[^<>\r\n]{1,200}>)|["'\x60]?(?<bare>[^\s"'\x60=][^\s"'\x60]{0,1023}))`,
  "gid",
);

/** `PWD=/home/runner/work` in a pasted environment dump is a directory. */
const isWorkingDirectory = (v: string, key: string): boolean =>
  /pwd$/i.test(key) && /^(?:[/~]|[A-Za-z]:\\)/.test(v);
/** `arn:aws:secretsmanager:…:secret:orders-db`: a resource name, not an assignment. */
const isInArn = (m: RegExpExecArray): boolean =>
  /\barn:aws[\w-]{0,20}:[^\s]{0,200}:$/.test(m.input.slice(Math.max(0, m.index - 220), m.index));
/** `tests pass: 12/12`, `pass: yes`: a bare `pass` key needs a value that looks chosen. */
const isProsePass = (v: string, key: string): boolean =>
  /^pass$/i.test(key) && (v.length < 6 || !/[A-Za-z]/.test(v) || !/[^A-Za-z]/.test(v));

// A quoted or bare command-line argument.
const ARG = String.raw`(?:"(?<dq>[^"\r\n]{1,200})"|'(?<sq>[^'\r\n]{1,200})'|(?<v>[^\s"']{1,200}))`;
const ARG_GROUPS = ["dq", "sq", "v"];

const isMaskOrTemplate = (v: string): boolean =>
  v.includes("[redacted") ||
  /^(?:\*+|•+|\.+|…|x{3,}|<[^<>]*>|\[[^[\]]*\]|\$\{.*|\{\{.*|\$[A-Za-z_]\w*|%s)$/i.test(v);

/** A token with a fixed vendor prefix: redacted whole wherever it stands. */
const token = (kind: string, prefix: string, body: string, keywords: string[]): Rule => ({
  re: new RegExp(String.raw`(?<![A-Za-z0-9_-])${prefix}${body}`, "dg"),
  kind,
  keywords,
  extend: /[A-Za-z0-9_-]/,
});

export const HEREBY_RULES: readonly Rule[] = [
  // (Private key blocks are found by the engine itself, before every rule.)
  {
    re: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9_]{36,255}|github_pat_[A-Za-z0-9_]{22,255})/dg,
    kind: "GitHub token",
    extend: /[A-Za-z0-9_]/,
  },
  {
    re: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,255}/dg,
    kind: "GitLab token",
    extend: /[A-Za-z0-9_-]/,
  },
  {
    // With or without a scheme: people paste `hooks.slack.com/services/…` too.
    re: /(?:https?:\/\/|(?<![A-Za-z0-9.-]))hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{10,300}/dg,
    kind: "Slack webhook",
    extend: /[A-Za-z0-9/_-]/,
  },
  {
    re: /(?:https?:\/\/|(?<![A-Za-z0-9.-]))(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/(?:v\d{1,2}\/)?webhooks\/\d{5,30}\/[A-Za-z0-9_-]{20,200}/dg,
    kind: "Discord webhook",
    keywords: ["discord"],
    extend: /[A-Za-z0-9_-]/,
  },
  {
    re: /(?:https?:\/\/|(?<![A-Za-z0-9.-]))[A-Za-z0-9-]{1,63}\.webhook\.office\.com\/webhookb2\/[A-Za-z0-9@/_-]{20,600}/dg,
    kind: "Microsoft Teams webhook",
    keywords: ["webhook.office.com"],
    extend: /[A-Za-z0-9@/_-]/,
  },
  {
    re: /(?<![A-Za-z0-9_-])(?:xox[abposr]|xapp)-[A-Za-z0-9-]{10,250}/dg,
    kind: "Slack token",
    extend: /[A-Za-z0-9-]/,
  },
  {
    re: /(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/dg,
    kind: "AWS access key",
  },
  {
    // An AWS key pair pasted without labels: the 40-character secret after its key id.
    re: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])[^\r\n]{0,120}?(?:\r?\n[^\r\n]{0,120}?)?(?<![A-Za-z0-9/+=])(?<v>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dg,
    kind: "AWS secret access key",
    groups: ["v"],
    keywords: ["akia", "asia"],
    accept: (v) => /[A-Z]/.test(v) && /[a-z]/.test(v) && /[0-9/+]/.test(v),
  },
  {
    re: /(?<![A-Za-z0-9])(?:aws[_-]?)?secret[_-]?access[_-]?key["'`]?[ \t]{0,10}(?:=>|:=|[:=])[ \t]{0,10}["'`]?(?<v>[A-Za-z0-9/+=]{16,1024})/dgi,
    kind: "AWS secret access key",
    groups: ["v"],
    extend: /[A-Za-z0-9/+=]/,
    skipPlaceholders: true,
  },
  {
    // Azure storage / Service Bus connection strings.
    re: /(?<![A-Za-z0-9])(?:AccountKey|SharedAccessKey)[ \t]{0,5}=[ \t]{0,5}(?<v>[A-Za-z0-9+/=%]{16,1024})/dgi,
    kind: "Azure storage key",
    groups: ["v"],
    keywords: ["accountkey", "sharedaccesskey"],
    extend: /[A-Za-z0-9+/=%]/,
    skipPlaceholders: true,
  },
  {
    // The signature of an Azure SAS URL or token (`…&sp=r&sig=…`).
    re: /(?<![A-Za-z0-9_-])sig=(?<v>[A-Za-z0-9%+/=]{16,1024})/dg,
    kind: "Azure SAS signature",
    groups: ["v"],
    keywords: ["sig="],
    extend: /[A-Za-z0-9%+/=]/,
  },
  { re: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/dg, kind: "Google API key" },
  token("Google OAuth client secret", "GOCSPX-", "[A-Za-z0-9_-]{24,100}", ["gocspx-"]),
  token("Google OAuth access token", String.raw`ya29\.`, "[A-Za-z0-9_-]{20,2048}", ["ya29."]),
  {
    re: /(?<![A-Za-z0-9_])(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,247}|whsec_[A-Za-z0-9]{24,247})/dg,
    kind: "Stripe key",
    extend: /[A-Za-z0-9]/,
  },
  { re: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36,255}/dg, kind: "npm token", extend: /[A-Za-z0-9]/ },
  token("Vault token", String.raw`hv[sb]\.`, "[A-Za-z0-9_-]{24,300}", ["hvs.", "hvb."]),
  token("Docker Hub token", "dckr_pat_", "[A-Za-z0-9_-]{20,100}", ["dckr_pat_"]),
  token("Hugging Face token", "hf_", "[A-Za-z0-9]{30,60}", ["hf_"]),
  token("Shopify token", "shp(?:at|ca|pa|ss)_", "[A-Fa-f0-9]{32}", ["shp"]),
  token("PyPI token", "pypi-", "[A-Za-z0-9_-]{50,1000}", ["pypi-"]),
  token("New Relic key", "NR(?:AK|AA|II|JS)-", "[A-Za-z0-9]{20,40}", [
    "nrak-",
    "nraa-",
    "nrii-",
    "nrjs-",
  ]),
  token("Square token", "sq0(?:atp|csp)-", "[A-Za-z0-9_-]{22,60}", ["sq0"]),
  token("DigitalOcean token", "do[opr]_v1_", "[a-f0-9]{64}", ["_v1_"]),
  token("Linear API key", "lin_api_", "[A-Za-z0-9]{40}", ["lin_api_"]),
  token(
    "SendGrid API key",
    String.raw`SG\.`,
    String.raw`[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}`,
    ["sg."],
  ),
  token("Twilio API key", "SK", "[0-9a-fA-F]{32}(?![A-Za-z0-9])", ["sk"]),
  token("Mailgun API key", "key-", "[0-9a-f]{32}(?![A-Za-z0-9])", ["key-"]),
  token("Mailchimp API key", "", "[0-9a-f]{32}-us[0-9]{1,2}(?![A-Za-z0-9])", ["-us"]),
  token("age secret key", "AGE-SECRET-KEY-1", "[0-9A-Z]{58}", ["age-secret-key-1"]),
  {
    re: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,255}/dg,
    kind: "Anthropic API key",
    extend: /[A-Za-z0-9_-]/,
  },
  {
    re: /(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,255}/dg,
    kind: "OpenAI API key",
    extend: /[A-Za-z0-9_-]/,
    // Hyphenated prose like "sk-some-long-words" has no digits.
    accept: (v) => /[0-9]/.test(v) && /[A-Za-z]/.test(v),
  },
  {
    re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,2048}\.[A-Za-z0-9_-]{2,8192}\.[A-Za-z0-9_-]{0,2048}/dg,
    kind: "JWT",
    extend: /[A-Za-z0-9_-]/,
  },
  {
    // scheme://user:password@host; the password may contain `@` (greedy up to the last
    // one before the path), never whitespace, `/`, `?` or `#`.
    re: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s:@/?#]{0,256}:(?<v>[^\s/?#]{1,1024})@/dg,
    kind: "password",
    groups: ["v"],
    // In a URL's password slot even `pass` or `password` is what gets sent: only masks
    // and templates (`***`, `${DB_PASS}`, `<password>`) are left alone.
    accept: (v) => !isMaskOrTemplate(v),
  },
  {
    re: /(?<![A-Za-z0-9-])(?:proxy-)?authorization["'`]?[ \t]{0,10}[:=][ \t]{0,10}["'`]?(?<scheme>bearer|token|basic)[ \t]{1,10}(?<v>[A-Za-z0-9._~+/=_-]{1,4096})/dgi,
    kind: (m) =>
      m.groups?.["scheme"]?.toLowerCase() === "basic" ? "basic auth credentials" : "bearer token",
    groups: ["v"],
    extend: /[A-Za-z0-9._~+/=_-]/,
    skipPlaceholders: true,
  },
  {
    // `curl -u user:S3cret&x` (gitleaks' curl rule stops at characters like `&`).
    re: /(?<![\w-])curl(?![\w-])[^\r\n]{0,300}?[ \t](?:-u|--user)(?:[ \t]{1,10}|=)(?:"[^":\r\n]{0,100}:(?<dq>[^"\r\n]{1,200})"|'[^':\r\n]{0,100}:(?<sq>[^'\r\n]{1,200})'|[^\s"':]{0,100}:(?<v>[^\s"']{1,200}))/dg,
    kind: "password",
    groups: ARG_GROUPS,
    keywords: ["curl"],
    skipPlaceholders: true,
  },
  {
    // `mysql -u root -pS3cret` (the password glued to -p; a bare -p prompts).
    re: new RegExp(
      String.raw`(?<![\w-])mysql(?:dump|admin|sh|import|check)?(?![\w-])[^\r\n]{0,300}?[ \t]-p${ARG}`,
      "dg",
    ),
    kind: "password",
    groups: ARG_GROUPS,
    keywords: ["mysql"],
    skipPlaceholders: true,
  },
  {
    // `redis-cli -a S3cret`, `redis-cli --pass S3cret`.
    re: new RegExp(
      String.raw`(?<![\w-])redis-cli(?![\w-])[^\r\n]{0,300}?[ \t](?:-a|--pass)(?:[ \t]{1,10}|=)${ARG}`,
      "dg",
    ),
    kind: "password",
    groups: ARG_GROUPS,
    keywords: ["redis-cli"],
    skipPlaceholders: true,
  },
  {
    re: PASSWORD_ASSIGNMENT,
    kind: (m) => keyKind(m.groups?.["key"] ?? ""),
    // `<your password>` is a placeholder, taken whole so it is recognised as one.
    groups: ["dq", "sq", "angle", "bare"],
    extend: /[^\s"'`]/,
    skipPlaceholders: true,
    // Code like `password: string)` is a type, not a password, punctuation and all.
    accept: (v, m) => {
      const key = m.groups?.["key"] ?? "";
      return (
        !isPlaceholder(v.replace(/[)\],;:.}>]+$/, "")) &&
        !isWorkingDirectory(v, key) &&
        !isProsePass(v, key) &&
        !isInArn(m)
      );
    },
  },
  {
    re: GENERIC,
    kind: (m) => keyKind(m.groups?.["key"] ?? ""),
    groups: ["dq", "sq", "bare"],
    extend: /[^\s"'`,;&|)}<>]/,
    skipPlaceholders: true,
    accept: (v, m) =>
      !isWorkingDirectory(v, m.groups?.["key"] ?? "") &&
      !isProsePass(v, m.groups?.["key"] ?? "") &&
      !isInArn(m),
  },
];
