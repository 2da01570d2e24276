// detect-secrets' keyword detector (detect_secrets/plugins/keyword.py, v1.5.0-50-g5e14193,
// Apache-2.0), for the shapes hereby's `key = value` rules do not cover: a keyword with
// words after it (`password_super_secure = "…"`), comparisons either way round
// (`if (apikey == "…")`, `if ("…" == password)`), C-style declarations and calls
// (`secret[] = "…"`, `std::string secret("…")`, `password "…";`).
import { isPlaceholder, type Rule } from "./engine.js";

// detect-secrets' DENYLIST.
const DENY =
  "api_?key|auth_?key|service_?key|account_?key|db_?key|database_?key|priv_?key|private_?key|" +
  "client_?key|db_?pass|database_?pass|key_?pass|password|passwd|pwd|secret|contraseña|contrasena";
// Not inside a path, URL or ARN (`arn:aws:secretsmanager:…`, `/etc/secrets/…`).
const IDENT =
  String.raw`(?<![\p{L}\p{N}_:./-])` +
  String.raw`(?<key>[\p{L}\p{N}_]{0,40}?(?:${DENY})[\p{L}\p{N}_]{0,40})`;
const QUOTED = String.raw`(?<q>["'\x60])(?<v>[^"'\x60\r\n]{1,1024})\k<q>`;
const CMP = String.raw`(?:===?|!==?|:=|=>|=|:)`;

// Words that, after a keyword, make the name about the secret, not the secret itself:
// `secret_name: orders-db`, `password_reset_url = …`, `DB_PASSWORD_FILE=/run/…`.
const METADATA = new Set(
  (
    "id ids name names arn ref refs url uri path file dir type kind count len length size ttl " +
    "expiry expires expiration expired at version hash label labels policy rotation reset " +
    "manager store provider env var field header param prefix suffix format source mount " +
    "volume backend engine required enabled changed updated created min max hint strength " +
    "placeholder validation error message template help rule rules"
  ).split(" "),
);

const KEYWORD_AT_END = new RegExp(`(?:${DENY})$`, "i");

/** A name ending in a keyword, or followed by words that are not about metadata. */
function isSecretName(key: string): boolean {
  if (KEYWORD_AT_END.test(key)) return true;
  const words = key
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1_$2")
    .toLowerCase()
    .split("_");
  const last = words.filter(Boolean).at(-1) ?? "";
  return !METADATA.has(last);
}

function kindOf(key: string): string {
  const k = key.toLowerCase();
  if (/pass|pwd|contras/.test(k)) return "password";
  return /key/.test(k) ? "API key" : "secret";
}

/** detect-secrets: at least one letter or digit, and nothing that says it is fake. */
const acceptValue = (v: string): boolean =>
  /[\p{L}\p{N}]/u.test(v) &&
  !/fake/i.test(v) &&
  !isPlaceholder(v) &&
  !/\$\{[A-Za-z_][\w.]*\}/.test(v);

const rule = (re: string, bareNeedsShape = false, oneWord = false): Rule => ({
  re: new RegExp(re, "dgiu"),
  kind: (m) => kindOf(m.groups?.["key"] ?? ""),
  groups: ["v", "bare"],
  accept: (v, m) => {
    const key = m.groups?.["key"] ?? "";
    if (!isSecretName(key) || !acceptValue(v) || (oneWord && /\s/.test(v))) return false;
    if (!bareNeedsShape || m.groups?.["v"] !== undefined) return true;
    // A bare value only after a name with words after the keyword (hereby's own rules
    // take `password = value`), and it must look chosen: letters and something else.
    return !KEYWORD_AT_END.test(key) && /\p{L}/u.test(v) && /[^\p{L}]/u.test(v);
  },
});

export const KEYWORD_RULES: readonly Rule[] = [
  // name [index] op @?"value"   (and a bare value after a name with words after the keyword)
  rule(
    String.raw`${IDENT}(?:\[\d{0,4}\])?["'\]]{0,2}[ \t]{0,10}${CMP}[ \t]{0,10}@?` +
      String.raw`(?:${QUOTED}|(?<bare>[^\s"'\x60][^\s"'\x60]{0,1023}))`,
    true,
  ),
  // "value" op name
  rule(String.raw`${QUOTED}[ \t]{0,10}(?:===?|!==?)[ \t]{0,10}${IDENT}`),
  // name "value";   name("value")   name.assign("value", …)   With no operator, a
  // quoted phrase is prose (`password "must be 12 characters"`): one word only.
  rule(String.raw`${IDENT}(?:[ \t]{1,10}|(?:\.assign)?\([ \t]{0,10})${QUOTED}`, false, true),
];
